#include "AuditChainVerifier.h"

namespace lockbox {

bool AuditChainVerifier::add(const AuditRecord& record)
{
    if (!m_result.intact)
        return false;
    const qint64 expected = m_lastSeq + 1;
    if (record.seq > expected)
        return fail(
            expected,
            record.seq == expected + 1
                ? tr("record %1 is missing (deleted); the next one present is %2.").arg(expected).arg(record.seq)
                : tr("records %1 to %2 are missing (deleted).").arg(expected).arg(record.seq - 1));
    if (record.seq < expected)
        return fail(record.seq,
                    tr("record %1 appears after record %2 (reordered or duplicated).").arg(record.seq).arg(m_lastSeq));
    if (record.prevHash != m_lastHash)
        return fail(record.seq,
                    tr("record %1 does not follow from record %2: the link to it was changed, or record %2 "
                       "was replaced.")
                        .arg(record.seq)
                        .arg(m_lastSeq));
    if (record.computeHash() != record.hash)
        return fail(record.seq,
                    tr("record %1 was changed after it was written (its content no longer matches its "
                       "hash).")
                        .arg(record.seq));
    m_lastSeq = record.seq;
    m_lastHash = record.hash;
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
