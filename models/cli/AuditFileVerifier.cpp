#include "AuditFileVerifier.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace lockbox {

QString AuditFileVerifier::Report::summary() const
{
    if (!chain.intact) {
        if (chain.firstBrokenSeq > 0)
            return tr("The exported audit log is broken at record %1 (line %2): %3")
                .arg(chain.firstBrokenSeq)
                .arg(brokenLine)
                .arg(chain.problem);
        return tr("The exported audit log is broken at line %1: %2").arg(brokenLine).arg(chain.problem);
    }
    if (chain.recordCount == 0)
        return tr("The file holds no audit records.");
    return tr("Exported audit log intact. Records checked: %1; each matches its hash and follows from the one "
              "before it in its tenant's chain.")
        .arg(chain.recordCount);
}

bool AuditFileVerifier::addLine(const QByteArray& line)
{
    if (m_brokenLine > 0)
        return false;
    ++m_line;
    if (line.trimmed().isEmpty())
        return true;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    AuditRecord record;
    QString problem;
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        problem = tr("the line is not a JSON object (%1).")
                      .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                        : tr("another JSON value"));
    else if (!AuditRecord::fromJson(document.object(), &record, &problem))
        problem = tr("the line is not an audit record: %1.").arg(problem);
    if (!problem.isEmpty()) {
        m_unreadable.intact = false;
        m_unreadable.firstBrokenSeq = document.object().value(QStringLiteral("seq")).toInteger(0);
        m_unreadable.problem = problem;
        m_unreadable.recordCount = m_chain.result().recordCount;
        m_brokenLine = m_line;
        return false;
    }
    if (!m_chain.add(record)) {
        m_brokenLine = m_line;
        return false;
    }
    return true;
}

AuditFileVerifier::Report AuditFileVerifier::report() const
{
    return Report {m_unreadable.intact ? m_chain.result() : m_unreadable, m_brokenLine};
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
