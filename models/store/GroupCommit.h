#pragma once

#include "domain/AccessRequest.h"
#include "domain/Actor.h"
#include "lifecycle/RequestTransition.h"

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QWaitCondition>

namespace lockbox {

// Decisions queued by a store's connections to be written in groups, one round trip a group
// (group commit): whoever queues while nobody writes leads, and writes what is queued by then in
// one statement; the others wait for the outcome of theirs. While a group is written the next
// one gathers, and one of its members leads it. Thread-safe.
class GroupCommit
{
public:
    // One decision, judged on `current` at `at`.
    struct Write
    {
        Actor actor;
        AccessRequest current;
        RequestTransition transition;
        QDateTime at;
        bool written = false; // set by whoever wrote the group
    };

    // The most decisions one statement writes.
    static constexpr qsizetype maxGroup = 16;

    // Queues `write` and waits until it was written by another (an empty list: see
    // write->written), or until the caller is to lead: then the group to write, `write` first,
    // with later ones of the same tenant on other requests. The caller writes it and calls
    // finish() whatever happened.
    QList<Write*> join(Write* write);
    // The group join() gave is written (its outcomes set): its members go on, and the first
    // still queued leads the next.
    void finish();

private:
    struct Queued
    {
        Write* write = nullptr;
        bool leads = false;
        bool done = false;
    };

    QMutex m_mutex;
    QWaitCondition m_changed;
    QList<Queued*> m_queue; // waiting for a group
    QList<Queued*> m_writing; // in the group being written
    bool m_leading = false;
};

} // namespace lockbox
