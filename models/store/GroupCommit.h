#pragma once

#include "core/Result.h"
#include "domain/AccessRequest.h"
#include "domain/Actor.h"
#include "lifecycle/Action.h"
#include "lifecycle/RequestTransition.h"
#include "signing/DecisionSignature.h"

#include <QDateTime>
#include <QList>
#include <QMutex>

#include <functional>

namespace lockbox {

// Decisions read and judged by a store's connections, waiting to be written in groups by one
// writer connection, one round trip a group (group commit): while a group is written the next
// gathers, and the connections that judged them go on with other calls meanwhile. Thread-safe.
class GroupCommit
{
public:
    // One decision, as asked for, and as judged on `current` at `at`.
    struct Write
    {
        Actor actor;
        QString requestId;
        Action action = Action::Approve;
        QString comment;
        DecisionSignature signature;
        AccessRequest current;
        RequestTransition transition;
        QDateTime at;
        bool written = false; // set by the writer
        // Set by the writer when its connection went during the write: it may have been written.
        bool outcomeUnknown = false;
        // Told the outcome once the write is done (or refused, or failed), on whichever thread.
        std::function<void(const Result<AccessRequest>&)> done;
    };

    // The most decisions one statement writes.
    static constexpr qsizetype maxGroup = 16;

    // Queues `write`; true when the writer is idle and is to be started (it then drains the
    // queue with takeGroup() until that comes back empty).
    bool submit(Write write);
    // The next group to write: the oldest write, then later ones for the same tenant on other
    // requests (two decisions on one request in one statement would both seem to win). Empty,
    // and the writer idle again, when nothing waits.
    QList<Write> takeGroup();

private:
    QMutex m_mutex;
    QList<Write> m_queue;
    bool m_writing = false;
};

} // namespace lockbox
