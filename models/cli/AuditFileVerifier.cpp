#include "AuditFileVerifier.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace lockbox {

QString AuditFileVerifier::Report::summary() const
{
    if (!intact) {
        if (firstBrokenSeq > 0)
            return tr("The exported audit log is broken at record %1 (line %2): %3")
                .arg(firstBrokenSeq)
                .arg(brokenLine)
                .arg(problem);
        return tr("The exported audit log is broken at line %1: %2").arg(brokenLine).arg(problem);
    }
    if (recordCount == 0)
        return tr("The file holds no audit records.");
    QString text = tr("Exported audit log intact: %n record(s), seq %1 to %2; every record matches its hash",
                      nullptr,
                      int(recordCount))
                       .arg(firstSeq)
                       .arg(lastSeq);
    if (complete())
        return text + tr(", and the chain links up from record 1.");
    return text
        + tr("; %1 link(s) checked. %2 gap(s) where records are not in this export (another tenant's, or "
             "outside the filters): the links across them can only be checked in the store, with "
             "'lockboxctl audit verify'.")
              .arg(linksChecked)
              .arg(gaps);
}

bool AuditFileVerifier::fail(qint64 seq, const QString& problem)
{
    m_report.intact = false;
    m_report.firstBrokenSeq = seq;
    m_report.brokenLine = m_line;
    m_report.problem = problem;
    return false;
}

bool AuditFileVerifier::addLine(const QByteArray& line)
{
    if (!m_report.intact)
        return false;
    ++m_line;
    if (line.trimmed().isEmpty())
        return true;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(0,
                    tr("the line is not a JSON object (%1).")
                        .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                          : tr("another JSON value")));
    AuditRecord record;
    QString problem;
    if (!AuditRecord::fromJson(document.object(), &record, &problem))
        return fail(document.object().value(QStringLiteral("seq")).toInteger(0),
                    tr("the line is not an audit record: %1.").arg(problem));

    if (m_started && record.seq <= m_lastSeq)
        return fail(record.seq,
                    tr("record %1 appears after record %2 (reordered or duplicated).").arg(record.seq).arg(m_lastSeq));
    const bool neighbour = m_started ? record.seq == m_lastSeq + 1 : record.seq == 1;
    if (neighbour) {
        const QString expected = m_started ? m_lastHash : AuditRecord::genesisHash();
        if (record.prevHash != expected)
            return fail(record.seq,
                        m_started ? tr("record %1 does not follow from record %2: the link to it was changed, or "
                                       "record %2 was replaced.")
                                        .arg(record.seq)
                                        .arg(m_lastSeq)
                                  : tr("record 1 does not start the chain (its link is not the genesis hash)."));
        m_report.linksChecked += 1;
    } else {
        m_report.gaps += 1;
    }
    if (record.computeHash() != record.hash)
        return fail(
            record.seq,
            tr("record %1 was changed after it was written (its content no longer matches its hash).").arg(record.seq));

    if (!m_started)
        m_report.firstSeq = record.seq;
    m_started = true;
    m_lastSeq = record.seq;
    m_lastHash = record.hash;
    m_report.lastSeq = record.seq;
    m_report.lastHash = record.hash;
    m_report.recordCount += 1;
    return true;
}

Result<AuditFileVerifier::Report> AuditFileVerifier::verify(QIODevice& device)
{
    AuditFileVerifier verifier;
    for (;;) {
        // readLine() keeps the line break, so only the end of the file or a read error is empty.
        QByteArray line = device.readLine();
        if (line.isEmpty()) {
            if (!device.atEnd())
                return Error(Error::Code::IntegrityFailure, tr("Cannot read the file: %1").arg(device.errorString()));
            break;
        }
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!verifier.addLine(line))
            break;
    }
    return verifier.report();
}

} // namespace lockbox
