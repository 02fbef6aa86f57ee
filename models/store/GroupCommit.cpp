#include "GroupCommit.h"

#include <QSet>

namespace lockbox {

QList<GroupCommit::Write*> GroupCommit::join(Write* write)
{
    Queued queued {write};
    QMutexLocker locker(&m_mutex);
    m_queue.append(&queued);
    if (!m_leading) {
        m_leading = true;
        queued.leads = true;
    }
    while (!queued.leads && !queued.done)
        m_changed.wait(&m_mutex);
    if (queued.done)
        return {};

    // Leading (and first in the queue): this write, then what queued after it for the same
    // tenant, a request once (two decisions on one request in one statement would both seem to
    // win). The rest waits for the next group.
    QList<Write*> group;
    QSet<QString> requests;
    for (auto it = m_queue.begin(); it != m_queue.end() && group.size() < maxGroup;) {
        Write* candidate = (*it)->write;
        if (candidate->current.tenantId == write->current.tenantId && !requests.contains(candidate->current.id)) {
            requests.insert(candidate->current.id);
            group.append(candidate);
            m_writing.append(*it);
            it = m_queue.erase(it);
        } else {
            ++it;
        }
    }
    return group;
}

void GroupCommit::finish()
{
    QMutexLocker locker(&m_mutex);
    for (Queued* queued : std::as_const(m_writing))
        queued->done = true;
    m_writing.clear();
    if (m_queue.isEmpty())
        m_leading = false;
    else
        m_queue.first()->leads = true;
    m_changed.wakeAll();
}

} // namespace lockbox
