#pragma once

#include "AuditRecord.h"
#include "AuditVerification.h"

#include <QCoreApplication>

namespace lockbox {

// Walks an audit log in sequence order and stops at the first record that does not follow from
// the one before: a changed record (its hash no longer matches its content), a deleted one (a gap
// in the sequence), a reordered one (sequence out of order or a broken link). Used on a store and
// on an exported file alike.
class AuditChainVerifier
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::AuditChainVerifier)

public:
    // Feeds the next record; false once the chain is broken (further records are ignored).
    bool add(const AuditRecord& record);
    const AuditVerification& result() const { return m_result; }

private:
    bool fail(qint64 seq, const QString& problem);

    AuditVerification m_result;
    qint64 m_lastSeq = 0;
    QString m_lastHash = AuditRecord::genesisHash();
};

} // namespace lockbox
