#include "TestLifecycle.h"

#include "audit/AuditOperation.h"
#include "lifecycle/Lifecycle.h"
#include "signing/DecisionSignature.h"
#include "support/ResultAsserts.h"

#include <QJsonArray>
#include <QTest>

using namespace lockbox;

namespace {

const QString contoso = QStringLiteral("contoso.onmicrosoft.com");
const QString fabrikam = QStringLiteral("fabrikam.onmicrosoft.com");
const QDateTime filedAt(QDate(2026, 11, 24), QTime(8, 30), Qt::UTC);

Actor globalAdmin(const QString& name = QStringLiteral("megan@contoso.com"))
{
    return {name, contoso, Role::GlobalAdministrator};
}
Actor approver(const QString& name = QStringLiteral("lidia@contoso.com"))
{
    return {name, contoso, Role::LockboxApprover};
}
Actor reader()
{
    return {QStringLiteral("adele@contoso.com"), contoso, Role::Reader};
}
Actor engineer(const QString& name = QStringLiteral("rkumar@ops.example"))
{
    return {name, QStringLiteral("operator"), Role::SupportEngineer};
}
Actor manager()
{
    return {QStringLiteral("mgarcia@ops.example"), QStringLiteral("operator"), Role::SupportManager};
}

TenantSettings policy(bool requireApproval = true, int approvals = 1, const QStringList& backups = {})
{
    TenantSettings settings;
    settings.tenantId = contoso;
    settings.requireApproval = requireApproval;
    settings.approvalsRequired = approvals;
    settings.backupApprovers = backups;
    return settings;
}

const QStringList backupApprovers = {QStringLiteral("diego@contoso.com")};

NewRequest newRequest(int duration = 60)
{
    return NewRequest {contoso,
                       Workload::Exchange,
                       QStringLiteral("SR2611240001"),
                       QStringLiteral("Troubleshoot mail flow"),
                       QStringLiteral("Mailbox of joni@contoso.com"),
                       duration};
}

AccessRequest filed(int duration = 60)
{
    return Lifecycle::file(
               engineer(), newRequest(duration), QStringLiteral("id-1"), QStringLiteral("EXSR359423"), filedAt)
        ->request;
}

AccessRequest pending(int approvals = 1, int duration = 60, const QStringList& backups = {})
{
    return Lifecycle::apply(manager(),
                            Action::ManagerApprove,
                            filed(duration),
                            policy(true, approvals, backups),
                            filedAt.addSecs(60))
        ->request;
}

// The approver's approval of `request` at `at`, signed with `key` as the store keeps it.
AccessRequest signedApproval(const AccessRequest& request, const SigningKey& key, const QDateTime& at)
{
    AccessRequest approved = Lifecycle::apply(approver(), Action::Approve, request, policy(), at)->request;
    const DecisionSignature signature
        = DecisionSignature::sign(key, DecisionStatement::of(request, Action::Approve, approver().principal, at));
    approved.decisions.last().signingKey = signature.keyFingerprint;
    approved.decisions.last().signedAt = signature.signedAt;
    approved.decisions.last().signature = signature.value;
    return approved;
}

QStringList operations(const RequestTransition& transition)
{
    QStringList names;
    for (const AuditEvent& event : transition.events)
        names << event.operation;
    return names;
}

} // namespace

void TestLifecycle::fileValidatesDuration_data()
{
    QTest::addColumn<int>("minutes");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("0 minutes") << 0 << false;
    QTest::newRow("1 minute") << 1 << true;
    QTest::newRow("240 minutes") << 240 << true;
    QTest::newRow("241 minutes") << 241 << false;
    QTest::newRow("negative") << -5 << false;
}

void TestLifecycle::fileValidatesDuration()
{
    QFETCH(int, minutes);
    QFETCH(bool, accepted);
    Result<RequestTransition> result
        = Lifecycle::file(engineer(), newRequest(minutes), QStringLiteral("id"), QStringLiteral("EXSR1"), filedAt);
    QCOMPARE(result.isOk(), accepted);
    if (!accepted) {
        QCOMPARE(result.error().code(), Error::Code::InvalidInput);
        QVERIFY2(result.error().message().contains(QString::number(minutes)), qPrintable(result.error().message()));
        QVERIFY(result.error().message().contains(QStringLiteral("240")));
    }
}

void TestLifecycle::fileSetsTwelveHourExpiry()
{
    Result<RequestTransition> result
        = Lifecycle::file(engineer(), newRequest(), QStringLiteral("id"), QStringLiteral("EXSR1"), filedAt);
    LOCKBOX_VERIFY_OK(result);
    QCOMPARE(result->request.status, RequestStatus::Filed);
    QCOMPARE(result->request.expires, filedAt.addSecs(12 * 3600));
    QCOMPARE(result->request.requester, engineer().principal);
    QCOMPARE(operations(*result), QStringList {AuditOperation::RequestFiled});
}

void TestLifecycle::rolesAgainstActions_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("allowed");
    const QList<std::pair<Role, const char*>> allRoles = {{Role::GlobalAdministrator, "global admin"},
                                                          {Role::LockboxApprover, "approver"},
                                                          {Role::Reader, "reader"},
                                                          {Role::SupportEngineer, "engineer"},
                                                          {Role::SupportManager, "manager"},
                                                          {Role::System, "system"},
                                                          {Role::None, "no role"}};
    const QList<std::pair<Action, QList<Role>>> table = {
        {Action::ViewRequests,
         {Role::GlobalAdministrator,
          Role::LockboxApprover,
          Role::Reader,
          Role::SupportEngineer,
          Role::SupportManager,
          Role::System}},
        {Action::ReadAudit, {Role::GlobalAdministrator, Role::LockboxApprover, Role::Reader}},
        {Action::File, {Role::SupportEngineer}},
        {Action::ManagerApprove, {Role::SupportManager}},
        {Action::ManagerReject, {Role::SupportManager}},
        {Action::Approve, {Role::GlobalAdministrator, Role::LockboxApprover}},
        {Action::Deny, {Role::GlobalAdministrator, Role::LockboxApprover}},
        {Action::Revoke, {Role::GlobalAdministrator, Role::LockboxApprover}},
        {Action::Withdraw, {Role::SupportEngineer}},
        {Action::ChangeSettings, {Role::GlobalAdministrator}},
        {Action::ManageRoles, {Role::GlobalAdministrator}},
        {Action::CheckAccess, {Role::SupportEngineer, Role::SupportManager}},
        {Action::Expire, {Role::System}},
        {Action::EndWindow, {Role::System}},
        {Action::Ask, {Role::GlobalAdministrator, Role::LockboxApprover}},
        {Action::Answer, {Role::SupportEngineer}},
        {Action::Escalate, {Role::System}},
    };
    for (const auto& [action, permitted] : table) {
        for (const auto& [role, roleName] : allRoles) {
            QTest::addRow("%s may %s", roleName, qPrintable(actions::key(action)))
                << int(role) << int(action) << permitted.contains(role);
        }
    }
}

void TestLifecycle::rolesAgainstActions()
{
    QFETCH(int, role);
    QFETCH(int, action);
    QFETCH(bool, allowed);
    const Role actorRole = Role(role);
    const Actor actor {QStringLiteral("someone@contoso.com"),
                       roles::isOperatorRole(actorRole) ? QStringLiteral("operator") : contoso,
                       actorRole};
    Status status = Lifecycle::permits(actor, Action(action), contoso);
    QCOMPARE(status.isOk(), allowed);
    if (!allowed) {
        QCOMPARE(status.error().code(), Error::Code::PermissionDenied);
        QVERIFY(!status.error().message().isEmpty());
    }
}

void TestLifecycle::approveOneSecondBeforeExpiryOpensWindow()
{
    const AccessRequest request = pending(1, 90);
    const QDateTime at = request.expires.addSecs(-1);
    Result<RequestTransition> result = Lifecycle::apply(approver(), Action::Approve, request, policy(), at);
    LOCKBOX_VERIFY_OK(result);
    QCOMPARE(result->request.status, RequestStatus::Approved);
    QCOMPARE(result->request.accessFrom, at);
    QCOMPARE(result->request.accessUntil, at.addSecs(90 * 60));
    QCOMPARE(result->request.decidedBy, approver().principal);
    QCOMPARE(operations(*result), (QStringList {AuditOperation::RequestApproved, AuditOperation::AccessWindowStarted}));
}

void TestLifecycle::approveAtExpiryIsRefusedWithTime()
{
    const AccessRequest request = pending();
    Result<RequestTransition> result
        = Lifecycle::apply(approver(), Action::Approve, request, policy(), request.expires);
    LOCKBOX_COMPARE_ERROR(result, Error::Code::Expired);
    QCOMPARE(result.error().message(),
             QStringLiteral("Request EXSR359423 expired at 2026-11-24 20:30 UTC; it can no longer be approved."));
}

void TestLifecycle::denyAtExpiryIsRefused()
{
    const AccessRequest request = pending();
    LOCKBOX_COMPARE_ERROR(
        Lifecycle::apply(approver(), Action::Deny, request, policy(), request.expires.addSecs(5), QStringLiteral("no")),
        Error::Code::Expired);
}

void TestLifecycle::secondDecisionNamesTheFirst()
{
    const QDateTime firstAt = filedAt.addSecs(600);
    Result<RequestTransition> first = Lifecycle::apply(approver(), Action::Approve, pending(), policy(), firstAt);
    LOCKBOX_VERIFY_OK(first);
    Result<RequestTransition> second = Lifecycle::apply(
        globalAdmin(), Action::Deny, first->request, policy(), firstAt.addSecs(1), QStringLiteral("too broad"));
    LOCKBOX_COMPARE_ERROR(second, Error::Code::Conflict);
    QVERIFY2(second.error().message().contains(
                 QStringLiteral("already approved by lidia@contoso.com at 2026-11-24 08:40 UTC")),
             qPrintable(second.error().message()));
}

void TestLifecycle::decisionOnAnotherTenantsRequestIsNotFound()
{
    const Actor foreignAdmin {QStringLiteral("nestor@fabrikam.com"), fabrikam, Role::GlobalAdministrator};
    Result<RequestTransition> result
        = Lifecycle::apply(foreignAdmin, Action::Approve, pending(), policy(), filedAt.addSecs(600));
    LOCKBOX_COMPARE_ERROR(result, Error::Code::NotFound);
    QVERIFY(!result.error().message().contains(QStringLiteral("EXSR359423")));
}

void TestLifecycle::denyNeedsAReason()
{
    LOCKBOX_COMPARE_ERROR(
        Lifecycle::apply(approver(), Action::Deny, pending(), policy(), filedAt.addSecs(600), QStringLiteral("  ")),
        Error::Code::InvalidInput);
    Result<RequestTransition> denied = Lifecycle::apply(
        approver(), Action::Deny, pending(), policy(), filedAt.addSecs(600), QStringLiteral("Scope too broad"));
    LOCKBOX_VERIFY_OK(denied);
    QCOMPARE(denied->request.status, RequestStatus::Denied);
    QCOMPARE(denied->request.decisionComment, QStringLiteral("Scope too broad"));
    QVERIFY(!denied->request.accessFrom.isValid());
}

void TestLifecycle::managerApproveWithApprovalRequiredWaitsForCustomer()
{
    Result<RequestTransition> result
        = Lifecycle::apply(manager(), Action::ManagerApprove, filed(), policy(true), filedAt.addSecs(60));
    LOCKBOX_VERIFY_OK(result);
    QCOMPARE(result->request.status, RequestStatus::Pending);
    QVERIFY(!result->request.accessFrom.isValid());
    QCOMPARE(operations(*result), QStringList {AuditOperation::ManagerApproved});
}

void TestLifecycle::managerApproveWithApprovalOffApprovesAutomatically()
{
    const QDateTime at = filedAt.addSecs(60);
    Result<RequestTransition> result
        = Lifecycle::apply(manager(), Action::ManagerApprove, filed(30), policy(false), at);
    LOCKBOX_VERIFY_OK(result);
    QCOMPARE(result->request.status, RequestStatus::Approved);
    QCOMPARE(result->request.decidedBy, QStringLiteral("system"));
    QCOMPARE(result->request.accessUntil, at.addSecs(30 * 60));
    QCOMPARE(operations(*result),
             (QStringList {AuditOperation::ManagerApproved,
                           AuditOperation::RequestAutoApproved,
                           AuditOperation::AccessWindowStarted}));
    // The system's approval is recorded as a decision of its own, after the manager's.
    QCOMPARE(result->decisions.size(), 2);
    QCOMPARE(result->decisions.at(0).kind, Decision::Kind::ManagerApprove);
    QCOMPARE(result->decisions.at(1).kind, Decision::Kind::AutoApprove);
    QCOMPARE(result->decisions.at(1).actorRole, Role::System);
}

void TestLifecycle::managerRejectNeedsAReason()
{
    LOCKBOX_COMPARE_ERROR(Lifecycle::apply(manager(), Action::ManagerReject, filed(), policy(), filedAt.addSecs(60)),
                          Error::Code::InvalidInput);
    Result<RequestTransition> rejected = Lifecycle::apply(
        manager(), Action::ManagerReject, filed(), policy(), filedAt.addSecs(60), QStringLiteral("Use diagnostics"));
    LOCKBOX_VERIFY_OK(rejected);
    QCOMPARE(rejected->request.status, RequestStatus::Rejected);
    // A rejected request never reaches the customer.
    LOCKBOX_COMPARE_ERROR(
        Lifecycle::apply(approver(), Action::Approve, rejected->request, policy(), filedAt.addSecs(120)),
        Error::Code::Conflict);
}

void TestLifecycle::twoApprovalsNeededCountsDistinctApprovers()
{
    const AccessRequest request = pending(2);
    QCOMPARE(request.approvalsRequired, 2);
    const QDateTime firstAt = filedAt.addSecs(600);
    Result<RequestTransition> first = Lifecycle::apply(approver(), Action::Approve, request, policy(), firstAt);
    LOCKBOX_VERIFY_OK(first);
    QCOMPARE(first->request.status, RequestStatus::Pending);
    QCOMPARE(first->request.approvalsCount, 1);
    QCOMPARE(operations(*first), QStringList {AuditOperation::ApprovalRecorded});

    const QDateTime secondAt = firstAt.addSecs(300);
    Result<RequestTransition> second
        = Lifecycle::apply(globalAdmin(), Action::Approve, first->request, policy(), secondAt);
    LOCKBOX_VERIFY_OK(second);
    QCOMPARE(second->request.status, RequestStatus::Approved);
    QCOMPARE(second->request.approvalsCount, 2);
    // The window opens at the last approval.
    QCOMPARE(second->request.accessFrom, secondAt);
}

void TestLifecycle::sameApproverCannotCountTwice()
{
    Result<RequestTransition> first
        = Lifecycle::apply(approver(), Action::Approve, pending(2), policy(), filedAt.addSecs(600));
    LOCKBOX_VERIFY_OK(first);
    Actor sameInOtherCase = approver(QStringLiteral("LIDIA@contoso.com"));
    Result<RequestTransition> again
        = Lifecycle::apply(sameInOtherCase, Action::Approve, first->request, policy(), filedAt.addSecs(700));
    LOCKBOX_COMPARE_ERROR(again, Error::Code::Conflict);
    QVERIFY(again.error().message().contains(QStringLiteral("already approved")));
}

void TestLifecycle::oneDenyDeniesDespiteAnApproval()
{
    Result<RequestTransition> first
        = Lifecycle::apply(approver(), Action::Approve, pending(2), policy(), filedAt.addSecs(600));
    LOCKBOX_VERIFY_OK(first);
    Result<RequestTransition> denied = Lifecycle::apply(
        globalAdmin(), Action::Deny, first->request, policy(), filedAt.addSecs(700), QStringLiteral("Not now"));
    LOCKBOX_VERIFY_OK(denied);
    QCOMPARE(denied->request.status, RequestStatus::Denied);
    QVERIFY(!Lifecycle::isAccessOpen(denied->request, filedAt.addSecs(800)));
}

void TestLifecycle::revokeOnlyInsideTheWindow()
{
    LOCKBOX_COMPARE_ERROR(Lifecycle::apply(globalAdmin(), Action::Revoke, pending(), policy(), filedAt.addSecs(600)),
                          Error::Code::InvalidState);
    const QDateTime approvedAt = filedAt.addSecs(600);
    AccessRequest approved
        = Lifecycle::apply(approver(), Action::Approve, pending(1, 60), policy(), approvedAt)->request;
    LOCKBOX_COMPARE_ERROR(Lifecycle::apply(globalAdmin(), Action::Revoke, approved, policy(), approvedAt.addSecs(3600)),
                          Error::Code::InvalidState);
    const QDateTime revokeAt = approvedAt.addSecs(600);
    Result<RequestTransition> revoked = Lifecycle::apply(globalAdmin(), Action::Revoke, approved, policy(), revokeAt);
    LOCKBOX_VERIFY_OK(revoked);
    QCOMPARE(revoked->request.status, RequestStatus::Revoked);
    QCOMPARE(revoked->request.accessUntil, revokeAt);
    QVERIFY(!Lifecycle::checkAccess(revoked->request, revokeAt.addSecs(1), {}).allowed);
}

void TestLifecycle::onlyTheRequesterWithdraws()
{
    LOCKBOX_COMPARE_ERROR(
        Lifecycle::apply(
            engineer(QStringLiteral("other@ops.example")), Action::Withdraw, pending(), policy(), filedAt.addSecs(60)),
        Error::Code::PermissionDenied);
    Result<RequestTransition> withdrawn
        = Lifecycle::apply(engineer(), Action::Withdraw, pending(), policy(), filedAt.addSecs(60));
    LOCKBOX_VERIFY_OK(withdrawn);
    QCOMPARE(withdrawn->request.status, RequestStatus::Cancelled);
}

void TestLifecycle::dueExpiresUndecidedRequests()
{
    const AccessRequest request = pending();
    QVERIFY(!Lifecycle::due(request, request.expires.addSecs(-1)).has_value());
    std::optional<RequestTransition> due = Lifecycle::due(request, request.expires);
    QVERIFY(due.has_value());
    QCOMPARE(due->request.status, RequestStatus::Expired);
    QCOMPARE(operations(*due), QStringList {AuditOperation::RequestExpired});
    // Expiry never grants anything.
    QVERIFY(!Lifecycle::isAccessOpen(due->request, request.expires));
    // A request still with the manager lapses too.
    QVERIFY(Lifecycle::due(filed(), filedAt.addSecs(12 * 3600)).has_value());
}

void TestLifecycle::dueEndsTheWindowAtItsEnd()
{
    const QDateTime approvedAt = filedAt.addSecs(600);
    const AccessRequest approved
        = Lifecycle::apply(approver(), Action::Approve, pending(1, 1), policy(), approvedAt)->request;
    QVERIFY(!Lifecycle::due(approved, approvedAt.addSecs(59)).has_value());
    std::optional<RequestTransition> due = Lifecycle::due(approved, approvedAt.addSecs(60));
    QVERIFY(due.has_value());
    QCOMPARE(due->request.status, RequestStatus::Completed);
    QCOMPARE(operations(*due), QStringList {AuditOperation::AccessWindowEnded});
}

void TestLifecycle::accessCheckAnswersUntilOrDenied()
{
    const QDateTime approvedAt = filedAt.addSecs(600);
    const SigningKey key = *SigningKey::generate();
    const RegisteredKey registered {contoso, approver().principal, key.fingerprint(), key.publicKey(), filedAt};
    const AccessRequest request = pending(1, 60);
    const AccessRequest approved = signedApproval(request, key, approvedAt);

    AccessCheck inside = Lifecycle::checkAccess(approved, approvedAt.addSecs(1800), {registered});
    QVERIFY(inside.allowed);
    QCOMPARE(inside.until, approvedAt.addSecs(3600));
    AccessCheck after = Lifecycle::checkAccess(approved, approvedAt.addSecs(3600), {registered});
    QVERIFY(!after.allowed);
    QVERIFY(after.reason.contains(QStringLiteral("ended")));
    AccessCheck undecided = Lifecycle::checkAccess(pending(), approvedAt, {registered});
    QVERIFY(!undecided.allowed);

    // Without the key, with a changed signature, or approved with no signature at all: nothing.
    QVERIFY(!Lifecycle::checkAccess(approved, approvedAt.addSecs(60), {}).allowed);
    AccessRequest tampered = approved;
    tampered.decisions.last().signature[3] = char(tampered.decisions.last().signature.at(3) ^ 0x10);
    QVERIFY(!Lifecycle::checkAccess(tampered, approvedAt.addSecs(60), {registered}).allowed);
    AccessRequest unsigned_ = approved;
    unsigned_.decisions.last().signature.clear();
    const AccessCheck refused = Lifecycle::checkAccess(unsigned_, approvedAt.addSecs(60), {registered});
    QVERIFY(!refused.allowed);
    QVERIFY2(refused.reason.contains(QStringLiteral("grants nothing")), qPrintable(refused.reason));

    // A window lengthened after the approval (the duration is signed) grants nothing either;
    // the clock skew a signature may have is no lengthening.
    AccessRequest lengthened = approved;
    lengthened.accessUntil = approvedAt.addSecs(3600 + Lifecycle::signatureClockSkewSeconds + 1);
    const AccessCheck longer = Lifecycle::checkAccess(lengthened, approvedAt.addSecs(60), {registered});
    QVERIFY(!longer.allowed);
    QVERIFY2(longer.reason.contains(QStringLiteral("later than its approvers signed for")), qPrintable(longer.reason));
    lengthened.accessUntil = approvedAt.addSecs(3600 + Lifecycle::signatureClockSkewSeconds);
    QVERIFY(Lifecycle::checkAccess(lengthened, approvedAt.addSecs(60), {registered}).allowed);

    // The requester is signed: pointing an approved request at another engineer grants nothing.
    AccessRequest otherEngineer = approved;
    otherEngineer.requester = QStringLiteral("mallory@ops.example");
    const AccessCheck moved = Lifecycle::checkAccess(otherEngineer, approvedAt.addSecs(60), {registered});
    QVERIFY(!moved.allowed);
    QVERIFY2(moved.reason.contains(QStringLiteral("0 of the 1 approvals")), qPrintable(moved.reason));

    // So are the approvals needed: one signed approval of a 2-of-2 request, its need lowered to
    // 1 and the request set to Approved, grants nothing.
    const AccessRequest twoNeeded = pending(2, 60);
    AccessRequest halfway = signedApproval(twoNeeded, key, approvedAt);
    QCOMPARE(halfway.status, RequestStatus::Pending);
    halfway.approvalsRequired = 1;
    halfway.status = RequestStatus::Approved;
    halfway.accessFrom = approvedAt;
    halfway.accessUntil = approvedAt.addSecs(3600);
    QVERIFY(!Lifecycle::checkAccess(halfway, approvedAt.addSecs(60), {registered}).allowed);
    // Nor does a need of none: a request grants nothing without an approval.
    AccessRequest noneNeeded = halfway;
    noneNeeded.approvalsRequired = 0;
    noneNeeded.decisions.clear();
    const AccessCheck none = Lifecycle::checkAccess(noneNeeded, approvedAt.addSecs(60), {registered});
    QVERIFY(!none.allowed);
    QVERIFY2(none.reason.contains(QStringLiteral("0 of the 1 approvals")), qPrintable(none.reason));

    // A revoked request set back to Approved, its revocation left in place, grants nothing.
    const QDateTime revokedAt = approvedAt.addSecs(600);
    const RequestTransition revocation
        = *Lifecycle::apply(globalAdmin(), Action::Revoke, approved, policy(), revokedAt);
    AccessRequest undone = revocation.request;
    undone.decisions = approved.decisions + revocation.decisions; // as the store keeps them
    QCOMPARE(undone.status, RequestStatus::Revoked);
    undone.status = RequestStatus::Approved;
    undone.accessUntil = approved.accessUntil;
    const AccessCheck unrevoked = Lifecycle::checkAccess(undone, revokedAt.addSecs(60), {registered});
    QVERIFY(!unrevoked.allowed);
    QVERIFY2(unrevoked.reason.contains(QStringLiteral("megan@contoso.com revoked it")), qPrintable(unrevoked.reason));
}

void TestLifecycle::settingsChangeIsGlobalAdminOnly()
{
    TenantSettings wanted = policy(false);
    LOCKBOX_COMPARE_ERROR(Lifecycle::changeSettings(approver(), policy(), wanted, {}), Error::Code::PermissionDenied);
    LOCKBOX_COMPARE_ERROR(Lifecycle::changeSettings(reader(), policy(), wanted, {}), Error::Code::PermissionDenied);
    Result<QList<AuditEvent>> events = Lifecycle::changeSettings(globalAdmin(), policy(), wanted, {});
    LOCKBOX_VERIFY_OK(events);
    QCOMPARE(events->size(), 1);
    QCOMPARE(events->first().operation, AuditOperation::SettingChanged);
    QCOMPARE(events->first().details.value(QStringLiteral("to")).toBool(), false);
}

void TestLifecycle::approvalsRequiredMustBeOneToThree()
{
    for (int approvals : {0, 4}) {
        LOCKBOX_COMPARE_ERROR(Lifecycle::changeSettings(globalAdmin(), policy(), policy(true, approvals), {}),
                              Error::Code::InvalidInput);
    }
    LOCKBOX_VERIFY_OK(Lifecycle::changeSettings(globalAdmin(), policy(), policy(true, 3), {}));
}

void TestLifecycle::lastGlobalAdminCannotBeRemoved()
{
    const QList<RoleAssignment> current
        = {RoleAssignment {contoso, QStringLiteral("megan@contoso.com"), {}, Role::GlobalAdministrator},
           RoleAssignment {contoso, QStringLiteral("lidia@contoso.com"), {}, Role::LockboxApprover}};
    Result<QList<AuditEvent>> removed = Lifecycle::changeRole(
        globalAdmin(), RoleAssignment {contoso, QStringLiteral("megan@contoso.com"), {}, Role::None}, current);
    LOCKBOX_COMPARE_ERROR(removed, Error::Code::InvalidState);
    Result<QList<AuditEvent>> promoted = Lifecycle::changeRole(
        globalAdmin(),
        RoleAssignment {contoso, QStringLiteral("lidia@contoso.com"), {}, Role::GlobalAdministrator},
        current);
    LOCKBOX_VERIFY_OK(promoted);
    QCOMPARE(promoted->size(), 2); // removed as approver, assigned as admin
    LOCKBOX_COMPARE_ERROR(
        Lifecycle::changeRole(
            approver(), RoleAssignment {contoso, QStringLiteral("x@contoso.com"), {}, Role::Reader}, current),
        Error::Code::PermissionDenied);
}

void TestLifecycle::questionShowsInformationRequestedUntilAnswered()
{
    const AccessRequest request = pending();
    const QDateTime askedAt = filedAt.addSecs(3600);
    Result<RequestTransition> asked
        = Lifecycle::apply(approver(), Action::Ask, request, policy(), askedAt, QStringLiteral("  Which mailbox?  "));
    LOCKBOX_VERIFY_OK(asked);
    QVERIFY(asked->request.informationRequested);
    QCOMPARE(asked->request.status, RequestStatus::Pending);
    QCOMPARE(asked->request.expires, request.expires);
    QCOMPARE(asked->decisions.size(), 1);
    QCOMPARE(asked->decisions.first().kind, Decision::Kind::Question);
    QCOMPARE(asked->decisions.first().comment, QStringLiteral("Which mailbox?"));
    QCOMPARE(operations(*asked), QStringList {AuditOperation::QuestionAsked});
    QCOMPARE(asked->events.first().details.value(QStringLiteral("text")).toString(), QStringLiteral("Which mailbox?"));

    // Only the engineer who filed it answers, and only an open question.
    LOCKBOX_COMPARE_ERROR(Lifecycle::apply(engineer(QStringLiteral("other@ops.example")),
                                           Action::Answer,
                                           asked->request,
                                           policy(),
                                           askedAt.addSecs(60),
                                           QStringLiteral("This one")),
                          Error::Code::PermissionDenied);
    LOCKBOX_COMPARE_ERROR(
        Lifecycle::apply(engineer(), Action::Answer, request, policy(), askedAt, QStringLiteral("Unasked")),
        Error::Code::InvalidState);
    LOCKBOX_COMPARE_ERROR(Lifecycle::apply(engineer(), Action::Answer, asked->request, policy(), askedAt, {}),
                          Error::Code::InvalidInput);
    Result<RequestTransition> answered = Lifecycle::apply(
        engineer(), Action::Answer, asked->request, policy(), askedAt.addSecs(60), QStringLiteral("joni@contoso.com"));
    LOCKBOX_VERIFY_OK(answered);
    QVERIFY(!answered->request.informationRequested);
    QCOMPARE(answered->request.expires, request.expires);
    QCOMPARE(answered->decisions.first().kind, Decision::Kind::Answer);
    QCOMPARE(operations(*answered), QStringList {AuditOperation::QuestionAnswered});

    // A question open does not stop a decision.
    LOCKBOX_VERIFY_OK(Lifecycle::apply(approver(), Action::Approve, asked->request, policy(), askedAt.addSecs(60)));
}

void TestLifecycle::questionOnAnExpiredOrDecidedRequestIsRefused()
{
    const AccessRequest request = pending();
    LOCKBOX_COMPARE_ERROR(
        Lifecycle::apply(approver(), Action::Ask, request, policy(), request.expires, QStringLiteral("Still there?")),
        Error::Code::InvalidState);
    Result<RequestTransition> approved = Lifecycle::apply(approver(), Action::Approve, request, policy(), filedAt);
    LOCKBOX_VERIFY_OK(approved);
    LOCKBOX_COMPARE_ERROR(
        Lifecycle::apply(globalAdmin(), Action::Ask, approved->request, policy(), filedAt, QStringLiteral("Why?")),
        Error::Code::InvalidState);
    LOCKBOX_COMPARE_ERROR(Lifecycle::apply(reader(), Action::Ask, request, policy(), filedAt, QStringLiteral("Why?")),
                          Error::Code::PermissionDenied);
    LOCKBOX_COMPARE_ERROR(Lifecycle::apply(approver(),
                                           Action::Ask,
                                           request,
                                           policy(),
                                           filedAt,
                                           QString(Lifecycle::maxMessageLength + 1, QLatin1Char('x'))),
                          Error::Code::InvalidInput);
}

void TestLifecycle::escalationComesOnceExactlyAtTheLeadTime()
{
    const AccessRequest request = pending(1, 60, backupApprovers);
    QCOMPARE(request.escalateAt, request.expires.addSecs(-TenantSettings::defaultEscalationLeadMinutes * 60));
    QVERIFY(!Lifecycle::due(request, request.escalateAt.addMSecs(-1)));
    std::optional<RequestTransition> escalated = Lifecycle::due(request, request.escalateAt);
    QVERIFY(escalated);
    QCOMPARE(escalated->request.status, RequestStatus::Pending);
    QCOMPARE(escalated->request.escalatedAt, request.escalateAt);
    QCOMPARE(operations(*escalated), QStringList {AuditOperation::RequestEscalated});
    QCOMPARE(escalated->decisions.first().kind, Decision::Kind::Escalate);
    // Once: nothing more is due until the expiry.
    QVERIFY(!Lifecycle::due(escalated->request, request.expires.addMSecs(-1)));
    std::optional<RequestTransition> expired = Lifecycle::due(escalated->request, request.expires);
    QVERIFY(expired);
    QCOMPARE(expired->request.status, RequestStatus::Expired);

    // A sweep that comes late still records the time the policy set; after expiry, expiry wins.
    std::optional<RequestTransition> late = Lifecycle::due(request, request.escalateAt.addSecs(600));
    QVERIFY(late);
    QCOMPARE(late->request.escalatedAt, request.escalateAt);
    QCOMPARE(Lifecycle::due(request, request.expires)->request.status, RequestStatus::Expired);

    // Without backup approvers nothing escalates; a decided request does not either.
    QVERIFY(!pending().escalateAt.isValid());
    QVERIFY(!Lifecycle::due(pending(), request.escalateAt));
    Result<RequestTransition> approved = Lifecycle::apply(approver(), Action::Approve, request, policy(), filedAt);
    std::optional<RequestTransition> afterApproval = Lifecycle::due(approved->request, request.escalateAt);
    QVERIFY(afterApproval); // its window ended long before
    QCOMPARE(operations(*afterApproval), QStringList {AuditOperation::AccessWindowEnded});
}

void TestLifecycle::backupApproversMustHoldAnApprovingRole()
{
    const QList<RoleAssignment> roles = {
        {contoso, QStringLiteral("lidia@contoso.com"), {}, Role::LockboxApprover, {}, {}},
        {contoso, QStringLiteral("adele@contoso.com"), {}, Role::Reader, {}, {}},
    };
    TenantSettings wanted = policy(true, 1, {QStringLiteral(" Lidia@Contoso.com ")});
    wanted.escalationLeadMinutes = 90;
    Result<QList<AuditEvent>> events = Lifecycle::changeSettings(globalAdmin(), policy(), wanted, roles);
    LOCKBOX_VERIFY_OK(events);
    QCOMPARE(events->size(), 2);
    QCOMPARE(events->at(0).details.value(QStringLiteral("setting")).toString(), QStringLiteral("backupApprovers"));
    QCOMPARE(events->at(0).details.value(QStringLiteral("to")).toArray().first().toString(),
             QStringLiteral("lidia@contoso.com"));
    LOCKBOX_COMPARE_ERROR(Lifecycle::changeSettings(
                              globalAdmin(), policy(), policy(true, 1, {QStringLiteral("adele@contoso.com")}), roles),
                          Error::Code::InvalidInput);
    LOCKBOX_COMPARE_ERROR(Lifecycle::changeSettings(
                              globalAdmin(), policy(), policy(true, 1, {QStringLiteral("nobody@contoso.com")}), roles),
                          Error::Code::InvalidInput);
    for (int lead : {TenantSettings::minEscalationLeadMinutes - 1, TenantSettings::maxEscalationLeadMinutes + 1}) {
        TenantSettings bad = policy();
        bad.escalationLeadMinutes = lead;
        LOCKBOX_COMPARE_ERROR(Lifecycle::changeSettings(globalAdmin(), policy(), bad, roles),
                              Error::Code::InvalidInput);
    }
}

void TestLifecycle::aLateRequestEscalatesAtOnceAndOnlyWhenApprovalIsRequired()
{
    // The manager passes it on eleven hours after filing: past its escalation time already.
    const QDateTime late = filedAt.addSecs(11 * 3600);
    Result<RequestTransition> passed
        = Lifecycle::apply(manager(), Action::ManagerApprove, filed(), policy(true, 1, backupApprovers), late);
    LOCKBOX_VERIFY_OK(passed);
    QCOMPARE(passed->request.escalateAt, late);
    std::optional<RequestTransition> escalated = Lifecycle::due(passed->request, late);
    QVERIFY(escalated);
    QVERIFY(escalated->request.escalatedAt >= passed->request.managerDecidedAt);

    // Approved by the system at once: nothing to escalate.
    Result<RequestTransition> automatic
        = Lifecycle::apply(manager(), Action::ManagerApprove, filed(), policy(false, 1, backupApprovers), filedAt);
    LOCKBOX_VERIFY_OK(automatic);
    QVERIFY(!automatic->request.escalateAt.isValid());
}

void TestLifecycle::aBackupWhoLostTheRoleDoesNotBlockOtherChanges()
{
    const QList<RoleAssignment> roles = {{contoso, QStringLiteral("lidia@contoso.com"), {}, Role::Reader, {}, {}}};
    const TenantSettings current = policy(true, 1, {QStringLiteral("lidia@contoso.com")});
    TenantSettings wanted = current;
    wanted.approvalsRequired = 2;
    LOCKBOX_VERIFY_OK(Lifecycle::changeSettings(globalAdmin(), current, wanted, roles));
    QVERIFY(Lifecycle::isBackupApprover(current, QStringLiteral(" LIDIA@contoso.com")));
    QVERIFY(!Lifecycle::isBackupApprover(current, QStringLiteral("diego@contoso.com")));
}
