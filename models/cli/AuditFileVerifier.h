#pragma once

#include "audit/AuditChainVerifier.h"
#include "core/Result.h"
#include "domain/AccessRequest.h"
#include "signing/RegisteredKey.h"

#include <QCoreApplication>
#include <QHash>
#include <QIODevice>

namespace lockbox {

// Checks an exported JSON lines audit file offline, without the store: each line must be an audit
// record, and the records must form unbroken tenant chains (AuditChainVerifier). A tenant's full
// export is its whole chain; an export narrowed by filters is not a chain and fails, naming the
// first gap. Every signed decision in it must verify against the approver's key as registered
// earlier in the same export (SigningKeyRegistered), over the request as filed (RequestFiled).
class AuditFileVerifier
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::AuditFileVerifier)

public:
    struct Report
    {
        AuditVerification chain;
        qint64 brokenLine = 0; // 1-based line of the file where it broke, 0 when intact
        qint64 signaturesChecked = 0;

        bool intact() const { return chain.intact; }
        QString summary() const;
    };

    // Feeds the next line (without its line break); blank lines are skipped. False once broken.
    bool addLine(const QByteArray& line);
    Report report() const;

    // Reads and checks a whole file. An Error only when the file cannot be read at all.
    static Result<Report> verify(QIODevice& device);

private:
    // Empty when the record's signature (if any) verifies; else what is wrong.
    QString signatureProblem(const AuditRecord& record);
    void remember(const AuditRecord& record);

    AuditChainVerifier m_chain;
    QHash<QString, RegisteredKey> m_keys; // by fingerprint
    QHash<QString, AccessRequest> m_filed; // by request id: what a decision's statement names
    qint64 m_signaturesChecked = 0;
    qint64 m_line = 0;
    qint64 m_brokenLine = 0;
    AuditVerification m_unreadable; // set when a line is not a record at all
};

} // namespace lockbox
