#include "AuditChainVerifier.h"

namespace lockbox {

bool AuditChainVerifier::add(const AuditRecord& record)
{
    if (!m_result.intact)
        return false;
    if (record.seq <= m_lastSeq)
        return fail(record.seq,
                    tr("record %1 appears after record %2 (reordered or duplicated).").arg(record.seq).arg(m_lastSeq));
    TenantChain& chain = m_chains[record.tenantId];
    const qint64 expected = chain.lastTenantSeq + 1;
    if (record.tenantSeq > expected)
        return fail(record.seq,
                    record.tenantSeq == expected + 1
                        ? tr("record %1 of tenant %2 is missing (deleted or moved) before record %3.")
                              .arg(expected)
                              .arg(record.tenantId)
                              .arg(record.seq)
                        : tr("records %1 to %2 of tenant %3 are missing (deleted or moved) before record %4.")
                              .arg(expected)
                              .arg(record.tenantSeq - 1)
                              .arg(record.tenantId)
                              .arg(record.seq));
    if (record.tenantSeq < expected)
        return fail(record.seq,
                    tr("record %1 is number %2 of tenant %3, which came before (reordered or duplicated).")
                        .arg(record.seq)
                        .arg(record.tenantSeq)
                        .arg(record.tenantId));
    if (record.prevHash != chain.lastHash)
        return fail(record.seq,
                    chain.lastSeq == 0
                        ? tr("record %1 does not start its tenant's chain: its link was changed.").arg(record.seq)
                        : tr("record %1 does not follow from record %2: the link to it was changed, or record %2 "
                             "was replaced.")
                              .arg(record.seq)
                              .arg(chain.lastSeq));
    if (record.computeHash() != record.hash)
        return fail(
            record.seq,
            tr("record %1 was changed after it was written (its content no longer matches its hash).").arg(record.seq));
    chain.lastTenantSeq = record.tenantSeq;
    chain.lastSeq = record.seq;
    chain.lastHash = record.hash;
    m_lastSeq = record.seq;
    m_result.recordCount += 1;
    m_result.lastHash = record.hash;
    return true;
}

bool AuditChainVerifier::fail(qint64 seq, const QString& problem)
{
    m_result.intact = false;
    m_result.firstBrokenSeq = seq;
    m_result.problem = problem;
    return false;
}

} // namespace lockbox
