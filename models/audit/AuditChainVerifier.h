#pragma once

#include "AuditRecord.h"
#include "AuditVerification.h"

#include <QCoreApplication>
#include <QHash>

namespace lockbox {

// Walks audit records in sequence order and stops at the first one that does not follow from the
// one before it in its tenant's chain: a changed record (its hash no longer matches its content),
// a deleted one (a gap in the tenant's numbering), a reordered or duplicated one (numbers out of
// order, or a broken link). Works on the whole log or on one tenant's records (a tenant's export),
// from a store or from a file.
class AuditChainVerifier
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::AuditChainVerifier)

public:
    // Feeds the next record; false once the chain is broken (further records are ignored).
    bool add(const AuditRecord& record);
    const AuditVerification& result() const { return m_result; }

private:
    struct TenantChain
    {
        qint64 lastTenantSeq = 0;
        qint64 lastSeq = 0;
        QString lastHash = AuditRecord::genesisHash();
    };

    bool fail(qint64 seq, const QString& problem);

    AuditVerification m_result;
    qint64 m_lastSeq = 0;
    QHash<QString, TenantChain> m_chains;
};

} // namespace lockbox
