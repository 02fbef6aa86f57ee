#pragma once

#include <QJsonObject>
#include <QString>

namespace lockbox {

// What happened, as the lifecycle describes it. The store turns it into an AuditRecord (sequence,
// time, actor, hash chain) in the same transaction as the change.
struct AuditEvent
{
    QString operation; // one of AuditOperation
    QString requestId; // empty for tenant-wide events
    QJsonObject details;
};

} // namespace lockbox
