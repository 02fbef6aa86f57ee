#pragma once

#include "audit/AuditRecord.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QIODevice>

namespace lockbox {

// Checks an exported JSON lines audit file offline, without the store.
//
// An export is often a part of the one chain: a tenant's admin exports only the tenant's records,
// and filters leave out more. So unlike AuditChainVerifier, which needs the whole chain from
// record 1, this checks what a part can prove: every record matches its own hash, sequence
// numbers only increase, and wherever two records are neighbours in the chain the later one links
// to the earlier one's hash (and record 1 to the genesis hash). The links across a gap cannot be
// checked from the file alone, and the report says how many gaps there were; a complete export
// (records 1 to n, no gaps) is checked as fully as the store's own verify does.
class AuditFileVerifier
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::AuditFileVerifier)

public:
    struct Report
    {
        bool intact = true;
        qint64 recordCount = 0;
        qint64 firstSeq = 0;
        qint64 lastSeq = 0;
        qint64 gaps = 0; // places where records of the chain are not in the file
        qint64 linksChecked = 0;
        qint64 firstBrokenSeq = 0; // 0 when intact, or when the broken line has no readable seq
        qint64 brokenLine = 0; // 1-based line of the file, 0 when intact
        QString problem;
        QString lastHash;

        bool complete() const { return intact && firstSeq == 1 && gaps == 0; }
        QString summary() const;
    };

    // Feeds the next line (without its line break); blank lines are skipped. False once broken.
    bool addLine(const QByteArray& line);
    const Report& report() const { return m_report; }

    // Reads and checks a whole file. An Error only when the file cannot be read at all.
    static Result<Report> verify(QIODevice& device);

private:
    bool fail(qint64 seq, const QString& problem);

    Report m_report;
    qint64 m_line = 0;
    bool m_started = false;
    qint64 m_lastSeq = 0;
    QString m_lastHash;
};

} // namespace lockbox
