#include "GroupCommit.h"

#include <QSet>

namespace lockbox {

bool GroupCommit::submit(Write write)
{
    QMutexLocker locker(&m_mutex);
    m_queue.append(std::move(write));
    if (m_writing)
        return false;
    m_writing = true;
    return true;
}

QList<GroupCommit::Write> GroupCommit::takeGroup()
{
    QMutexLocker locker(&m_mutex);
    QList<Write> group;
    if (m_queue.isEmpty()) {
        m_writing = false;
        return group;
    }
    const QString tenantId = m_queue.first().current.tenantId;
    QSet<QString> requests;
    for (auto it = m_queue.begin(); it != m_queue.end() && group.size() < maxGroup;) {
        if (it->current.tenantId == tenantId && !requests.contains(it->current.id)) {
            requests.insert(it->current.id);
            group.append(std::move(*it));
            it = m_queue.erase(it);
        } else {
            ++it;
        }
    }
    return group;
}

} // namespace lockbox
