#include "AuditFileVerifier.h"

#include "audit/AuditOperation.h"
#include "lifecycle/Lifecycle.h"
#include "signing/DecisionSignature.h"

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
              "before it in its tenant's chain. Signed decisions checked: %2.")
        .arg(chain.recordCount)
        .arg(signaturesChecked);
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
    if (const QString wrong = signatureProblem(record); !wrong.isEmpty()) {
        m_unreadable.intact = false;
        m_unreadable.firstBrokenSeq = record.seq;
        m_unreadable.problem = wrong;
        m_unreadable.recordCount = m_chain.result().recordCount;
        m_brokenLine = m_line;
        return false;
    }
    remember(record);
    return true;
}

void AuditFileVerifier::remember(const AuditRecord& record)
{
    if (record.operation == AuditOperation::SigningKeyRegistered) {
        const QByteArray publicKey
            = QByteArray::fromBase64(record.details.value(QStringLiteral("publicKey")).toString().toLatin1());
        m_keys.insert(record.details.value(QStringLiteral("fingerprint")).toString(),
                      RegisteredKey {record.tenantId,
                                     record.details.value(QStringLiteral("principal")).toString(),
                                     SigningKey::fingerprintOf(publicKey),
                                     publicKey,
                                     record.at});
    } else if (record.operation == AuditOperation::RequestFiled) {
        AccessRequest filed;
        filed.id = record.requestId;
        filed.tenantId = record.tenantId;
        filed.requester = record.actor; // the engineer files in their own name
        workloads::fromKey(record.details.value(QStringLiteral("workload")).toString(), &filed.workload);
        filed.scope = record.details.value(QStringLiteral("scope")).toString();
        filed.durationMinutes = record.details.value(QStringLiteral("durationMinutes")).toInt();
        filed.reference = record.details.value(QStringLiteral("reference")).toString();
        m_filed.insert(filed.id, filed);
    } else if (record.operation == AuditOperation::ManagerApproved) {
        // The approvals the request needs are fixed when it reaches the customer.
        if (const auto filed = m_filed.find(record.requestId); filed != m_filed.end())
            filed->approvalsRequired = record.details.value(QStringLiteral("approvalsRequired")).toInt(1);
    }
}

QString AuditFileVerifier::signatureProblem(const AuditRecord& record)
{
    if (!record.details.contains(QStringLiteral("signature")))
        return {};
    Action action = Action::Approve;
    if (record.operation == AuditOperation::RequestDenied)
        action = Action::Deny;
    else if (record.operation == AuditOperation::AccessRevoked)
        action = Action::Revoke;
    else if (record.operation != AuditOperation::RequestApproved
             && record.operation != AuditOperation::ApprovalRecorded)
        return tr("a %1 record carries a signature, which only decisions do.").arg(record.operation);
    const auto filed = m_filed.constFind(record.requestId);
    if (filed == m_filed.cend())
        return tr("the decision is signed, but the request's filing is not in the export: export the whole log.");
    const QString fingerprint = record.details.value(QStringLiteral("signingKey")).toString();
    const auto key = m_keys.constFind(fingerprint);
    DecisionSignature signature;
    signature.keyFingerprint = fingerprint;
    signature.signedAt
        = QDateTime::fromString(record.details.value(QStringLiteral("signedAt")).toString(), Qt::ISODateWithMs);
    signature.value = QByteArray::fromBase64(record.details.value(QStringLiteral("signature")).toString().toLatin1());
    // The record's own time stands for the store's clock when the decision was taken.
    const Status valid = Lifecycle::checkSignature(*filed,
                                                   action,
                                                   Actor {record.actor, record.tenantId, record.actorRole},
                                                   signature,
                                                   key == m_keys.cend() ? std::optional<RegisteredKey>() : *key,
                                                   record.at);
    if (!valid)
        return tr("%1's signed decision does not verify: %2").arg(record.actor, valid.error().message());
    ++m_signaturesChecked;
    return {};
}

AuditFileVerifier::Report AuditFileVerifier::report() const
{
    return Report {m_unreadable.intact ? m_chain.result() : m_unreadable, m_brokenLine, m_signaturesChecked};
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
