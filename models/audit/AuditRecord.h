#pragma once

#include "domain/Role.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace lockbox {

// One entry of the append-only audit log. The records of each tenant form a chain of their own:
// each carries its number in the tenant's log and the hash of the tenant's record before it, so an
// edit, a deletion or a reordering breaks the chain where it happened, and a tenant's own export
// verifies on its own. `seq` orders the whole log across tenants.
struct AuditRecord
{
    static constexpr int encodingVersion = 1;

    qint64 seq = 0;
    qint64 tenantSeq = 0; // 1, 2, 3, ... within the tenant
    QDateTime at;
    QString actor;
    Role actorRole = Role::None;
    QString tenantId;
    QString operation;
    QString requestId;
    QJsonObject details;
    QString prevHash;
    QString hash;

    // The hash before a tenant's first record: 64 zeros.
    static QString genesisHash();

    // Versioned, canonical bytes over every field but `hash`: "lockbox-audit/1\n" followed by
    // compact JSON with keys in a fixed (sorted) order. Independent of storage and export format.
    QByteArray canonicalEncoding() const;
    // Lower-case hex SHA-256 of canonicalEncoding().
    QString computeHash() const;

    // Stable export form (JSON lines): seq, tenantSeq, time, actor, actorRole, tenant, operation,
    // requestId, details, prevHash, hash.
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject& json, AuditRecord* record, QString* problem);

    // UTC, millisecond precision, "2026-11-24T20:30:00.000Z".
    static QString formatTime(const QDateTime& time);
};

} // namespace lockbox
