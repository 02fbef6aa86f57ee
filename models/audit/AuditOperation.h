#pragma once

#include <QString>
#include <QStringList>

namespace lockbox::AuditOperation {

// Stable operation names written to the audit log and exported; scripts match on them.
inline const QString RequestFiled = QStringLiteral("RequestFiled");
inline const QString ManagerApproved = QStringLiteral("ManagerApproved");
inline const QString ManagerRejected = QStringLiteral("ManagerRejected");
inline const QString ApprovalRecorded = QStringLiteral("ApprovalRecorded");
inline const QString RequestApproved = QStringLiteral("RequestApproved");
inline const QString RequestAutoApproved = QStringLiteral("RequestAutoApproved");
inline const QString RequestDenied = QStringLiteral("RequestDenied");
inline const QString RequestExpired = QStringLiteral("RequestExpired");
inline const QString RequestWithdrawn = QStringLiteral("RequestWithdrawn");
inline const QString AccessWindowStarted = QStringLiteral("AccessWindowStarted");
inline const QString AccessWindowEnded = QStringLiteral("AccessWindowEnded");
inline const QString AccessRevoked = QStringLiteral("AccessRevoked");
inline const QString SettingChanged = QStringLiteral("SettingChanged");
inline const QString RoleAssigned = QStringLiteral("RoleAssigned");
inline const QString RoleRemoved = QStringLiteral("RoleRemoved");
inline const QString SignIn = QStringLiteral("SignIn");
inline const QString SignInFailed = QStringLiteral("SignInFailed");
inline const QString SignedOut = QStringLiteral("SignedOut");
inline const QString StepUp = QStringLiteral("StepUp");
inline const QString StepUpFailed = QStringLiteral("StepUpFailed");
inline const QString MfaEnrolled = QStringLiteral("MfaEnrolled");
inline const QString AccountCreated = QStringLiteral("AccountCreated");
inline const QString AccountReset = QStringLiteral("AccountReset");
inline const QString AccountLocked = QStringLiteral("AccountLocked");
inline const QString ActionRefused = QStringLiteral("ActionRefused");
inline const QString TenantCreated = QStringLiteral("TenantCreated");
// A question to the engineer on a pending request, and the engineer's answer (details: text).
inline const QString QuestionAsked = QStringLiteral("QuestionAsked");
inline const QString QuestionAnswered = QStringLiteral("QuestionAnswered");
// An undecided request reached its escalation time and went to the backup approvers.
inline const QString RequestEscalated = QStringLiteral("RequestEscalated");
// An approver registered the public key of their signed decisions (details: principal,
// fingerprint, publicKey in base64).
inline const QString SigningKeyRegistered = QStringLiteral("SigningKeyRegistered");
// lockboxd's e-mail to the tenant's approvers (MailNotifier), one record per request and kind:
// that the request awaits them, and that it expires within the hour. Written, by the system, when
// a lockboxd takes the notice on, so that of several processes and restarts exactly one sends it.
inline const QString ApprovalNoticeSent = QStringLiteral("ApprovalNoticeSent");
inline const QString ExpiryWarningSent = QStringLiteral("ExpiryWarningSent");
inline const QString EscalationNoticeSent = QStringLiteral("EscalationNoticeSent");

// Every operation, in the order a person looks for them: a request's life, then the tenant's
// settings and roles, then accounts and sign-in, then the service's own notices.
inline QStringList all()
{
    return {RequestFiled,
            ManagerApproved,
            ManagerRejected,
            QuestionAsked,
            QuestionAnswered,
            RequestEscalated,
            ApprovalRecorded,
            RequestApproved,
            RequestAutoApproved,
            RequestDenied,
            RequestExpired,
            RequestWithdrawn,
            AccessWindowStarted,
            AccessWindowEnded,
            AccessRevoked,
            SettingChanged,
            SigningKeyRegistered,
            RoleAssigned,
            RoleRemoved,
            TenantCreated,
            SignIn,
            SignInFailed,
            SignedOut,
            StepUp,
            StepUpFailed,
            MfaEnrolled,
            AccountCreated,
            AccountReset,
            AccountLocked,
            ActionRefused,
            ApprovalNoticeSent,
            ExpiryWarningSent,
            EscalationNoticeSent};
}

} // namespace lockbox::AuditOperation
