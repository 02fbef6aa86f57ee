#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace lockbox {

// Where the audit log ended when this process last wrote to it: the last record's number and,
// per tenant, the last record of the tenant's chain. A writer that trusts it saves reading the
// head before it appends. It is only a hint: a write numbered on it checks, under the write lock,
// that the log still ends there (and the log's primary key refuses a number taken), so a hint gone
// stale (another process, or another writer here, appended since) costs a retry, never a broken
// chain. Shared by a store's connections; use it only while holding writer().
class AuditChainHead
{
public:
    struct Link
    {
        qint64 seq = 0; // the last record of the whole log
        qint64 tenantSeq = 0; // the tenant's last record in its own chain (0: none yet)
        QString hash; // that record's hash (the genesis hash when none)
    };

    QMutex& writer() { return m_writer; }
    // The head for appending to `tenantId`'s chain, when known.
    std::optional<Link> forTenant(const QString& tenantId) const;
    // After a commit that appended records on `from` (the whole log's last number the writer
    // numbered on): `tenantId`'s chain now ends at `last`. What is known of other tenants still
    // holds only when `from` was the known head.
    void advance(qint64 from, const QString& tenantId, const Link& last);
    // After a write that failed or may have: nothing is known.
    void forget();

private:
    static constexpr qsizetype maxTenants = 10000;

    QMutex m_writer;
    std::optional<qint64> m_seq;
    QHash<QString, Link> m_tenants;
};

} // namespace lockbox
