#include "Lifecycle.h"

#include "audit/AuditOperation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace lockbox {

namespace {

bool roleMay(Role role, Action action)
{
    switch (action) {
    case Action::ViewRequests:
        return role != Role::None;
    case Action::ReadAudit:
        return roles::isCustomerRole(role);
    case Action::Approve:
    case Action::Deny:
    case Action::Revoke:
    case Action::Ask:
    case Action::RegisterKey:
        return role == Role::GlobalAdministrator || role == Role::LockboxApprover;
    case Action::ChangeSettings:
    case Action::ManageRoles:
        return role == Role::GlobalAdministrator;
    case Action::File:
    case Action::Withdraw:
        return role == Role::SupportEngineer;
    case Action::ManagerApprove:
    case Action::ManagerReject:
        return role == Role::SupportManager;
    case Action::CheckAccess:
        return roles::isOperatorRole(role);
    case Action::Answer:
        return role == Role::SupportEngineer;
    case Action::Expire:
    case Action::EndWindow:
    case Action::Escalate:
        return role == Role::System;
    }
    return false;
}

AuditEvent event(const QString& operation, const AccessRequest& request, QJsonObject details = {})
{
    details.insert(QStringLiteral("reference"), request.reference);
    return AuditEvent {operation, request.id, details};
}

Decision makeDecision(Decision::Kind kind, const Actor& actor, const QDateTime& now, const QString& comment)
{
    return Decision {kind, actor.principal, actor.role, now, comment};
}

void openWindow(AccessRequest& request, const QDateTime& now)
{
    request.status = RequestStatus::Approved;
    request.accessFrom = now;
    request.accessUntil = now.addSecs(qint64(request.durationMinutes) * 60);
}

AuditEvent windowStarted(const AccessRequest& request)
{
    return event(AuditOperation::AccessWindowStarted,
                 request,
                 {{QStringLiteral("from"), request.accessFrom.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("until"), request.accessUntil.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("durationMinutes"), request.durationMinutes}});
}

} // namespace

QString Lifecycle::formatTime(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

Status Lifecycle::permits(const Actor& actor, Action action, const QString& tenantId)
{
    if (!roleMay(actor.role, action)) {
        if (actor.role == Role::None)
            return Error(Error::Code::PermissionDenied,
                         tr("%1 holds no Lockbox role in this tenant, so cannot %2.")
                             .arg(actor.principal, actions::verb(action)));
        return Error(Error::Code::PermissionDenied,
                     roles::isCustomerRole(actor.role)
                         ? tr("A %1 cannot %2. Ask a Global administrator for the role that allows it.")
                               .arg(roles::displayName(actor.role), actions::verb(action))
                         : tr("A %1 cannot %2: that is for the customer's administrators.")
                               .arg(roles::displayName(actor.role), actions::verb(action)));
    }
    // Customer roles act only inside their own tenant; another tenant's objects do not exist for
    // them (so nothing about them leaks through the error either).
    if (roles::isCustomerRole(actor.role) && actor.tenantId != tenantId)
        return Error(Error::Code::NotFound, tr("No such request in your organisation."));
    return Status::success();
}

bool Lifecycle::reasonRequired(Action action)
{
    return action == Action::Deny || action == Action::ManagerReject || action == Action::Ask
        || action == Action::Answer;
}

Status Lifecycle::validate(const NewRequest& wanted)
{
    if (wanted.tenantId.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Name the customer tenant the request is for."));
    if (wanted.durationMinutes < minDurationMinutes || wanted.durationMinutes > maxDurationMinutes)
        return Error(Error::Code::InvalidInput,
                     tr("The requested duration must be between %1 minute and %2 hours (%3 minutes); "
                        "%4 minutes was asked for.")
                         .arg(minDurationMinutes)
                         .arg(maxDurationMinutes / 60)
                         .arg(maxDurationMinutes)
                         .arg(wanted.durationMinutes));
    if (wanted.serviceRequest.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Give the service request (support ticket) number."));
    if (wanted.reason.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Give a reason: the customer decides on it."));
    if (wanted.scope.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Say which content is touched (a mailbox, a site, ...)."));

    return Status::success();
}

bool Lifecycle::isVisibleTo(const Actor& actor, const AccessRequest& request)
{
    if (!permits(actor, Action::ViewRequests, request.tenantId))
        return false;
    return actor.role != Role::SupportEngineer || request.requester.compare(actor.principal, Qt::CaseInsensitive) == 0;
}

Result<RequestTransition> Lifecycle::file(
    const Actor& actor, const NewRequest& wanted, const QString& id, const QString& reference, const QDateTime& now)
{
    if (Status allowed = permits(actor, Action::File, wanted.tenantId); !allowed)
        return allowed.error();
    if (Status valid = validate(wanted); !valid)
        return valid.error();

    AccessRequest request;
    request.id = id;
    request.reference = reference;
    request.serviceRequest = wanted.serviceRequest.trimmed();
    request.tenantId = wanted.tenantId;
    request.workload = wanted.workload;
    request.requester = actor.principal;
    request.reason = wanted.reason.trimmed();
    request.scope = wanted.scope.trimmed();
    request.durationMinutes = wanted.durationMinutes;
    request.created = now;
    request.expires = now.addSecs(pendingLifetimeSeconds);
    request.status = RequestStatus::Filed;

    RequestTransition transition;
    transition.request = request;
    transition.events.append(event(AuditOperation::RequestFiled,
                                   request,
                                   {{QStringLiteral("serviceRequest"), request.serviceRequest},
                                    {QStringLiteral("workload"), workloads::key(request.workload)},
                                    {QStringLiteral("scope"), request.scope},
                                    {QStringLiteral("reason"), request.reason},
                                    {QStringLiteral("durationMinutes"), request.durationMinutes},
                                    {QStringLiteral("expires"), request.expires.toString(Qt::ISODateWithMs)}}));
    return transition;
}

Result<RequestTransition> Lifecycle::apply(const Actor& actor,
                                           Action action,
                                           const AccessRequest& request,
                                           const TenantSettings& policy,
                                           const QDateTime& now,
                                           const QString& comment)
{
    if (Status allowed = permits(actor, action, request.tenantId); !allowed)
        return allowed.error();

    const QString trimmedComment = comment.trimmed();
    const bool undecided = isAwaitingDecision(request);
    const bool lapsed = undecided && now >= request.expires;

    // Someone else got there first: say who and when, so the loser knows nothing was overwritten.
    auto alreadyDecided = [&]() -> Error {
        if (request.status == RequestStatus::Expired || lapsed)
            return Error(Error::Code::Expired,
                         tr("Request %1 expired at %2; it can no longer be %3.")
                             .arg(request.reference,
                                  formatTime(request.expires),
                                  action == Action::Approve || action == Action::ManagerApprove ? tr("approved")
                                                                                                : tr("decided")));
        if (request.status == RequestStatus::Cancelled)
            return Error(Error::Code::Conflict,
                         tr("Request %1 was withdrawn by %2 at %3.")
                             .arg(request.reference, request.decidedBy, formatTime(request.decidedAt)));
        if (!request.decidedBy.isEmpty())
            return Error(Error::Code::Conflict,
                         tr("Request %1 was already %2 by %3 at %4.")
                             .arg(request.reference,
                                  requestStatus::displayName(request.status).toLower(),
                                  request.decidedBy,
                                  formatTime(request.decidedAt)));
        return Error(
            Error::Code::InvalidState,
            tr("You cannot %1 now: request %2 is %3.")
                .arg(actions::verb(action), request.reference, requestStatus::displayName(request.status).toLower()));
    };

    RequestTransition transition;
    transition.request = request;
    AccessRequest& next = transition.request;

    switch (action) {
    case Action::ManagerApprove:
    case Action::ManagerReject: {
        if (request.status != RequestStatus::Filed || lapsed) {
            // Lapsed, withdrawn or otherwise ended before any manager decided.
            if (request.status == RequestStatus::Filed || request.manager.isEmpty())
                return alreadyDecided();
            return Error(Error::Code::Conflict,
                         tr("Request %1 was already decided by manager %2 at %3.")
                             .arg(request.reference, request.manager, formatTime(request.managerDecidedAt)));
        }
        next.manager = actor.principal;
        next.managerDecidedAt = now;
        if (action == Action::ManagerReject) {
            if (reasonRequired(action) && trimmedComment.isEmpty())
                return Error(Error::Code::InvalidInput, tr("Give the engineer a reason for rejecting the request."));
            next.status = RequestStatus::Rejected;
            next.decidedBy = actor.principal;
            next.decidedAt = now;
            next.decisionComment = trimmedComment;
            transition.decisions.append(makeDecision(Decision::Kind::ManagerReject, actor, now, trimmedComment));
            transition.events.append(
                event(AuditOperation::ManagerRejected, next, {{QStringLiteral("comment"), trimmedComment}}));
            return transition;
        }
        next.status = RequestStatus::Pending;
        next.approvalsRequired = policy.approvalsRequired;
        // Like the approvals needed, the escalation time is fixed when the customer's part starts;
        // a request that reaches the customer later than that goes to the backups at once.
        if (!policy.backupApprovers.isEmpty() && policy.requireApproval)
            next.escalateAt = std::max(now, next.expires.addSecs(-qint64(policy.escalationLeadMinutes) * 60));
        transition.decisions.append(makeDecision(Decision::Kind::ManagerApprove, actor, now, trimmedComment));
        transition.events.append(event(AuditOperation::ManagerApproved,
                                       next,
                                       {{QStringLiteral("comment"), trimmedComment},
                                        {QStringLiteral("requireApproval"), policy.requireApproval},
                                        {QStringLiteral("approvalsRequired"), policy.approvalsRequired}}));
        if (!policy.requireApproval) {
            // The tenant chose not to review requests: Lockbox approves on its behalf, and says so.
            next.decidedBy = Actor::systemPrincipal();
            next.decidedAt = now;
            next.decisionComment = tr("Approved automatically: the tenant does not require approval.");
            transition.decisions.append(
                makeDecision(Decision::Kind::AutoApprove, Actor::system(request.tenantId), now, next.decisionComment));
            openWindow(next, now);
            transition.events.append(event(AuditOperation::RequestAutoApproved,
                                           next,
                                           {{QStringLiteral("because"), QStringLiteral("requireApproval=false")}}));
            transition.events.append(windowStarted(next));
        }
        return transition;
    }

    case Action::Approve:
    case Action::Deny: {
        if (request.status != RequestStatus::Pending || lapsed)
            return alreadyDecided();
        if (action == Action::Deny) {
            if (reasonRequired(action) && trimmedComment.isEmpty())
                return Error(Error::Code::InvalidInput, tr("Give a reason for denying the request."));
            next.status = RequestStatus::Denied;
            next.decidedBy = actor.principal;
            next.decidedAt = now;
            next.decisionComment = trimmedComment;
            transition.decisions.append(makeDecision(Decision::Kind::Deny, actor, now, trimmedComment));
            transition.events.append(
                event(AuditOperation::RequestDenied, next, {{QStringLiteral("comment"), trimmedComment}}));
            return transition;
        }
        if (request.hasApprovalFrom(actor.principal))
            return Error(Error::Code::Conflict,
                         tr("You already approved request %1; it needs %2 different approvers.")
                             .arg(request.reference)
                             .arg(request.approvalsRequired));
        const Decision approval = makeDecision(Decision::Kind::Approve, actor, now, trimmedComment);
        transition.decisions.append(approval);
        next.decisions.append(approval);
        next.approvalsCount = request.approvalsCount + 1;
        const QJsonObject progress {{QStringLiteral("approval"), next.approvalsCount},
                                    {QStringLiteral("of"), next.approvalsRequired},
                                    {QStringLiteral("comment"), trimmedComment}};
        if (next.approvalsCount < next.approvalsRequired) {
            transition.events.append(event(AuditOperation::ApprovalRecorded, next, progress));
            return transition;
        }
        next.decidedBy = actor.principal;
        next.decidedAt = now;
        next.decisionComment = trimmedComment;
        openWindow(next, now);
        transition.events.append(event(AuditOperation::RequestApproved, next, progress));
        transition.events.append(windowStarted(next));
        return transition;
    }

    case Action::Revoke: {
        if (!isAccessOpen(request, now))
            return Error(Error::Code::InvalidState,
                         tr("Request %1 has no open access window to revoke (it is %2).")
                             .arg(request.reference,
                                  request.status == RequestStatus::Approved
                                      ? tr("ended at %1").arg(formatTime(request.accessUntil))
                                      : requestStatus::displayName(request.status).toLower()));
        next.status = RequestStatus::Revoked;
        next.accessUntil = now;
        next.decidedBy = actor.principal;
        next.decidedAt = now;
        next.decisionComment = trimmedComment;
        transition.decisions.append(makeDecision(Decision::Kind::Revoke, actor, now, trimmedComment));
        transition.events.append(
            event(AuditOperation::AccessRevoked,
                  next,
                  {{QStringLiteral("comment"), trimmedComment},
                   {QStringLiteral("windowWasUntil"), request.accessUntil.toString(Qt::ISODateWithMs)}}));
        return transition;
    }

    case Action::Ask:
    case Action::Answer: {
        if (request.status != RequestStatus::Pending || lapsed)
            return action == Action::Ask
                ? Error(Error::Code::InvalidState,
                        tr("You can ask about request %1 only while it awaits approval; it is %2.")
                            .arg(request.reference,
                                 lapsed ? tr("expired") : requestStatus::displayName(request.status).toLower()))
                : alreadyDecided();
        if (trimmedComment.isEmpty())
            return Error(Error::Code::InvalidInput,
                         action == Action::Ask ? tr("Write the question for the engineer.")
                                               : tr("Write the answer to the approver's question."));
        if (trimmedComment.size() > maxMessageLength)
            return Error(Error::Code::InvalidInput,
                         tr("A message holds at most %1 characters; this one has %2.")
                             .arg(maxMessageLength)
                             .arg(trimmedComment.size()));
        if (action == Action::Answer) {
            if (request.requester.compare(actor.principal, Qt::CaseInsensitive) != 0)
                return Error(Error::Code::PermissionDenied,
                             tr("Only %1, who filed request %2, can answer questions on it.")
                                 .arg(request.requester, request.reference));
            if (!request.informationRequested)
                return Error(Error::Code::InvalidState,
                             tr("There is no open question on request %1 to answer.").arg(request.reference));
        }
        // Asking never moves the expiry: the 12 hours keep running.
        next.informationRequested = action == Action::Ask;
        transition.decisions.append(makeDecision(
            action == Action::Ask ? Decision::Kind::Question : Decision::Kind::Answer, actor, now, trimmedComment));
        transition.events.append(
            event(action == Action::Ask ? AuditOperation::QuestionAsked : AuditOperation::QuestionAnswered,
                  next,
                  {{QStringLiteral("text"), trimmedComment}}));
        return transition;
    }

    case Action::Withdraw: {
        if (request.requester.compare(actor.principal, Qt::CaseInsensitive) != 0)
            return Error(
                Error::Code::PermissionDenied,
                tr("Only %1, who filed request %2, can withdraw it.").arg(request.requester, request.reference));
        if (!undecided || lapsed)
            return alreadyDecided();
        next.status = RequestStatus::Cancelled;
        next.decidedBy = actor.principal;
        next.decidedAt = now;
        next.decisionComment = trimmedComment;
        transition.decisions.append(makeDecision(Decision::Kind::Withdraw, actor, now, trimmedComment));
        transition.events.append(
            event(AuditOperation::RequestWithdrawn, next, {{QStringLiteral("comment"), trimmedComment}}));
        return transition;
    }

    case Action::Expire:
    case Action::EndWindow:
    case Action::Escalate: {
        std::optional<RequestTransition> dueNow = due(request, now);
        const Action expected = request.status == RequestStatus::Approved ? Action::EndWindow
            : now >= request.expires                                      ? Action::Expire
                                                                          : Action::Escalate;
        if (!dueNow || expected != action)
            return Error(Error::Code::InvalidState,
                         tr("Nothing is due on request %1 at %2.").arg(request.reference, formatTime(now)));
        return *dueNow;
    }

    case Action::ViewRequests:
    case Action::ReadAudit:
    case Action::File:
    case Action::ChangeSettings:
    case Action::ManageRoles:
    case Action::CheckAccess:
    case Action::RegisterKey:
        break;
    }
    return Error(Error::Code::Internal, tr("%1 is not an action on a request.").arg(actions::key(action)));
}

Status Lifecycle::checkSignature(const AccessRequest& request,
                                 Action action,
                                 const Actor& actor,
                                 const DecisionSignature& signature,
                                 const std::optional<RegisteredKey>& key,
                                 const QDateTime& now)
{
    if (!key || key->tenantId != actor.tenantId || key->principal.compare(actor.principal, Qt::CaseInsensitive) != 0)
        return Error(Error::Code::PermissionDenied,
                     tr("The signing key %1 is not registered to %2: register your own key first (lockboxctl key "
                        "create).")
                         .arg(signature.keyFingerprint, actor.principal));
    if (!key->trusted)
        return Error(Error::Code::PermissionDenied,
                     tr("The store does not trust the signing key %1 (its record was changed, or this Lockbox "
                        "service did not endorse it): register it again (sign in to the Admin Center again, or make "
                        "a new key with 'lockboxctl key create').")
                         .arg(signature.keyFingerprint));
    if (!signature.signedAt.isValid() || qAbs(signature.signedAt.secsTo(now)) > signatureClockSkewSeconds)
        return Error(Error::Code::InvalidInput,
                     tr("The decision was signed at %1, but the store's time is %2: check your computer's clock and "
                        "decide again.")
                         .arg(formatTime(signature.signedAt), formatTime(now)));
    const DecisionStatement statement = DecisionStatement::of(request, action, actor.principal, signature.signedAt);
    if (!SigningKey::verify(key->publicKey, statement.encoded(), signature.value))
        return Error(Error::Code::PermissionDenied,
                     tr("The signature does not match this decision on request %1.").arg(request.reference));
    return Status::success();
}

bool Lifecycle::isSignedKind(Decision::Kind kind)
{
    return kind == Decision::Kind::Approve || kind == Decision::Kind::Deny || kind == Decision::Kind::Revoke;
}

Status Lifecycle::checkDecisionSignature(const AccessRequest& request,
                                         const Decision& decision,
                                         const QList<RegisteredKey>& keys)
{
    Action action = Action::Approve;
    if (decision.kind == Decision::Kind::Deny)
        action = Action::Deny;
    else if (decision.kind == Decision::Kind::Revoke)
        action = Action::Revoke;
    else if (decision.kind != Decision::Kind::Approve)
        return Error(Error::Code::InvalidInput, tr("Only approvals, denials and revocations are signed."));
    // Told to whoever reads the decision later, not to its approver.
    if (decision.signature.isEmpty())
        return Error(Error::Code::PermissionDenied,
                     tr("The decision of %1 at %2 carries no signature.").arg(decision.actor, formatTime(decision.at)));
    const auto key = std::find_if(keys.cbegin(), keys.cend(), [&](const RegisteredKey& registered) {
        return registered.fingerprint == decision.signingKey;
    });
    if (key == keys.cend() || key->tenantId != request.tenantId
        || key->principal.compare(decision.actor, Qt::CaseInsensitive) != 0)
        return Error(Error::Code::IntegrityFailure,
                     tr("It was signed with a key that is not registered to %1.").arg(decision.actor));
    if (SigningKey::fingerprintOf(key->publicKey) != key->fingerprint)
        return Error(Error::Code::IntegrityFailure,
                     tr("It was signed with a key whose stored public key does not match its fingerprint: the key "
                        "was changed in the database."));
    if (!key->trusted)
        return Error(Error::Code::IntegrityFailure,
                     key->endorsement.isEmpty()
                         ? tr("It was signed with a key this Lockbox service did not endorse: one registered before "
                              "it endorsed keys, or added to the database outside Lockbox. Its owner registers it "
                              "again by signing in to the Admin Center.")
                         : tr("It was signed with a key whose endorsement does not verify: the key was changed in "
                              "the database, or lockboxd runs with another endorsement key than the one that "
                              "endorsed it."));
    if (!decision.signedAt.isValid() || qAbs(decision.signedAt.secsTo(decision.at)) > signatureClockSkewSeconds)
        return Error(Error::Code::IntegrityFailure,
                     tr("It was signed at %1, more than 5 minutes from when it was recorded (%2).")
                         .arg(formatTime(decision.signedAt), formatTime(decision.at)));
    const DecisionStatement statement = DecisionStatement::of(request, action, decision.actor, decision.signedAt);
    if (!SigningKey::verify(key->publicKey, statement.encoded(), decision.signature))
        return Error(Error::Code::IntegrityFailure,
                     tr("Its signature does not match the decision as stored: the request or the decision was "
                        "changed after it was signed."));
    return Status::success();
}

Status Lifecycle::mayPerform(const Actor& actor, Action action, const AccessRequest& request, const QDateTime& now)
{
    TenantSettings policy;
    policy.tenantId = request.tenantId;
    Result<RequestTransition> trial = apply(actor, action, request, policy, now, QStringLiteral("-"));
    if (!trial)
        return trial.error();
    return Status::success();
}

std::optional<RequestTransition> Lifecycle::due(const AccessRequest& request, const QDateTime& now)
{
    RequestTransition transition;
    transition.request = request;
    AccessRequest& next = transition.request;
    if (isAwaitingDecision(request) && now >= request.expires) {
        next.status = RequestStatus::Expired;
        next.decidedBy = Actor::systemPrincipal();
        next.decidedAt = request.expires;
        transition.events.append(event(AuditOperation::RequestExpired,
                                       next,
                                       {{QStringLiteral("expiredAt"), request.expires.toString(Qt::ISODateWithMs)},
                                        {QStringLiteral("approvals"), request.approvalsCount},
                                        {QStringLiteral("wasStatus"), requestStatus::key(request.status)}}));
        return transition;
    }
    if (request.status == RequestStatus::Pending && request.escalateAt.isValid() && !request.escalatedAt.isValid()
        && now >= request.escalateAt) {
        // Once, at the time the policy set (a sweep that runs late still records that time).
        next.escalatedAt = request.escalateAt;
        transition.decisions.append(Decision {Decision::Kind::Escalate,
                                              Actor::systemPrincipal(),
                                              Role::System,
                                              request.escalateAt,
                                              tr("Still undecided %1 minutes before expiry: handed to the backup "
                                                 "approvers.")
                                                  .arg(request.escalateAt.secsTo(request.expires) / 60)});
        transition.events.append(event(AuditOperation::RequestEscalated,
                                       next,
                                       {{QStringLiteral("escalatedAt"), request.escalateAt.toString(Qt::ISODateWithMs)},
                                        {QStringLiteral("expires"), request.expires.toString(Qt::ISODateWithMs)},
                                        {QStringLiteral("approvals"), request.approvalsCount}}));
        return transition;
    }
    if (request.status == RequestStatus::Approved && now >= request.accessUntil) {
        next.status = RequestStatus::Completed;
        transition.events.append(event(AuditOperation::AccessWindowEnded,
                                       next,
                                       {{QStringLiteral("endedAt"), request.accessUntil.toString(Qt::ISODateWithMs)}}));
        return transition;
    }
    return std::nullopt;
}

std::optional<QDateTime> Lifecycle::nextDueAt(const AccessRequest& request)
{
    if (isAwaitingDecision(request)) {
        if (request.status == RequestStatus::Pending && request.escalateAt.isValid() && !request.escalatedAt.isValid())
            return std::min(request.escalateAt, request.expires);
        return request.expires;
    }
    if (request.status == RequestStatus::Approved)
        return request.accessUntil;
    return std::nullopt;
}

bool Lifecycle::isAwaitingDecision(const AccessRequest& request)
{
    return awaitingDecisionStatuses().contains(request.status);
}

bool Lifecycle::awaitsCustomerDecision(const AccessRequest& request, const QDateTime& now)
{
    return request.status == RequestStatus::Pending && now < request.expires;
}

QList<RequestStatus> Lifecycle::awaitingDecisionStatuses()
{
    return {RequestStatus::Filed, RequestStatus::Pending};
}

QList<RequestStatus> Lifecycle::decidedStatuses()
{
    return {RequestStatus::Approved, RequestStatus::Denied, RequestStatus::Completed, RequestStatus::Revoked};
}

bool Lifecycle::isAccessOpen(const AccessRequest& request, const QDateTime& now)
{
    return request.status == RequestStatus::Approved && request.accessFrom.isValid() && request.accessFrom <= now
        && now < request.accessUntil;
}

QString Lifecycle::editedAdvice()
{
    return tr("The request was changed in the database outside Lockbox: check the store with 'lockboxctl audit "
              "verify', and have the approvers decide on a new request.");
}

AccessCheck Lifecycle::checkAccess(const AccessRequest& request, const QDateTime& now, const QList<RegisteredKey>& keys)
{
    AccessCheck check;
    if (isAccessOpen(request, now)) {
        const bool bySystem = std::any_of(request.decisions.cbegin(), request.decisions.cend(), [](const Decision& d) {
            return d.kind == Decision::Kind::AutoApprove;
        });
        // A denial or a revocation ends a request for good: one set back to Approved was edited.
        const auto ended = std::find_if(request.decisions.cbegin(), request.decisions.cend(), [](const Decision& d) {
            return d.kind == Decision::Kind::Deny || d.kind == Decision::Kind::Revoke;
        });
        if (ended != request.decisions.cend()) {
            check.reason = (ended->kind == Decision::Kind::Deny
                                ? tr("Request %1 is marked approved, but %2 denied it at %3: it grants nothing. %4")
                                : tr("Request %1 is marked approved, but %2 revoked it at %3: it grants nothing. %4"))
                               .arg(request.reference, ended->actor, formatTime(ended->at), editedAdvice());
            return check;
        }
        // At least one, whatever the row says: a request needs an approval to grant anything.
        const int needed = std::max(1, request.approvalsRequired);
        QStringList signedBy;
        QDateTime lastSignedAt;
        QString firstProblem; // why the first approval that does not count fails
        for (const Decision& decision : request.decisions) {
            if (decision.kind != Decision::Kind::Approve || signedBy.contains(decision.actor, Qt::CaseInsensitive))
                continue;
            if (Status valid = checkDecisionSignature(request, decision, keys); valid) {
                signedBy.append(decision.actor);
                if (!lastSignedAt.isValid() || lastSignedAt < decision.signedAt)
                    lastSignedAt = decision.signedAt;
            } else if (firstProblem.isEmpty()) {
                firstProblem = tr("The approval of %1: %2").arg(decision.actor, valid.error().message());
            }
        }
        // The window opens at the last approval and lasts the duration the approvers signed for; a
        // window that reaches further was lengthened after the fact.
        const bool windowAsSigned = lastSignedAt.isValid()
            && request.accessUntil
                <= lastSignedAt.addSecs(qint64(request.durationMinutes) * 60 + signatureClockSkewSeconds);
        if (!bySystem && signedBy.size() >= needed && !windowAsSigned) {
            check.reason = tr("The access window of request %1 reaches %2, later than its approvers signed for: it "
                              "grants nothing. %3")
                               .arg(request.reference, formatTime(request.accessUntil), editedAdvice());
            return check;
        }
        if (bySystem || signedBy.size() >= needed) {
            check.allowed = true;
            check.requestId = request.id;
            check.until = request.accessUntil;
            return check;
        }
        check.reason = tr("Request %1 is marked approved, but only %2 of the %3 approvals it needs carry a valid "
                          "signature of their approver: it grants nothing. %4 %5")
                           .arg(request.reference)
                           .arg(signedBy.size())
                           .arg(needed)
                           .arg(firstProblem.isEmpty() ? tr("No approval is recorded.") : firstProblem, editedAdvice());
        return check;
    }
    if (request.status == RequestStatus::Approved || request.status == RequestStatus::Completed)
        check.reason = tr("The access window of request %1 ended at %2.")
                           .arg(request.reference, formatTime(request.accessUntil));
    else
        check.reason = tr("Request %1 is %2; it grants no access.")
                           .arg(request.reference, requestStatus::displayName(request.status).toLower());
    return check;
}

bool Lifecycle::isBackupApprover(const TenantSettings& settings, const QString& principal)
{
    return normalizedPrincipals(settings.backupApprovers).contains(principal.trimmed().toLower());
}

QStringList Lifecycle::normalizedPrincipals(const QStringList& principals)
{
    QStringList result;
    for (const QString& principal : principals) {
        const QString normal = principal.trimmed().toLower();
        if (!normal.isEmpty() && !result.contains(normal))
            result.append(normal);
    }
    return result;
}

Result<QList<AuditEvent>> Lifecycle::changeSettings(const Actor& actor,
                                                    const TenantSettings& current,
                                                    const TenantSettings& wanted,
                                                    const QList<RoleAssignment>& assignments)
{
    if (Status allowed = permits(actor, Action::ChangeSettings, current.tenantId); !allowed)
        return allowed.error();
    if (wanted.approvalsRequired < TenantSettings::minApprovals
        || wanted.approvalsRequired > TenantSettings::maxApprovals)
        return Error(Error::Code::InvalidInput,
                     tr("Approvals required must be between %1 and %2; %3 was asked for.")
                         .arg(TenantSettings::minApprovals)
                         .arg(TenantSettings::maxApprovals)
                         .arg(wanted.approvalsRequired));

    if (wanted.escalationLeadMinutes < TenantSettings::minEscalationLeadMinutes
        || wanted.escalationLeadMinutes > TenantSettings::maxEscalationLeadMinutes)
        return Error(Error::Code::InvalidInput,
                     tr("The escalation lead time must be between %1 and %2 minutes before expiry; %3 was asked for.")
                         .arg(TenantSettings::minEscalationLeadMinutes)
                         .arg(TenantSettings::maxEscalationLeadMinutes)
                         .arg(wanted.escalationLeadMinutes));
    const QStringList backups = normalizedPrincipals(wanted.backupApprovers);
    if (backups.size() > TenantSettings::maxBackupApprovers)
        return Error(Error::Code::InvalidInput,
                     tr("Name at most %1 backup approvers; %2 were given.")
                         .arg(TenantSettings::maxBackupApprovers)
                         .arg(backups.size()));
    // Only a new name is checked: someone named earlier who lost the role since does not block
    // other changes (nobody without the role is asked to approve anyway).
    const QStringList before = normalizedPrincipals(current.backupApprovers);
    for (const QString& backup : backups) {
        if (before.contains(backup))
            continue;
        const auto held = std::find_if(assignments.cbegin(), assignments.cend(), [&](const RoleAssignment& assignment) {
            return assignment.principal.compare(backup, Qt::CaseInsensitive) == 0;
        });
        if (held == assignments.cend() || !roleMay(held->role, Action::Approve))
            return Error(Error::Code::InvalidInput,
                         tr("%1 cannot be a backup approver: only a Global administrator or a Lockbox access "
                            "approver of this tenant can approve. Give them one of those roles first.")
                             .arg(backup));
    }

    // A change made from a stale copy would silently undo someone else's change.
    if (wanted.changedAt.isValid() && current.changedAt.isValid() && wanted.changedAt != current.changedAt)
        return Error(Error::Code::Conflict,
                     tr("The settings were changed by %1 at %2 after you loaded them; look at them again.")
                         .arg(current.changedBy, formatTime(current.changedAt)));

    QList<AuditEvent> events;
    auto changed = [&](const QString& setting, const QJsonValue& from, const QJsonValue& to) {
        events.append(AuditEvent {
            AuditOperation::SettingChanged,
            {},
            {{QStringLiteral("setting"), setting}, {QStringLiteral("from"), from}, {QStringLiteral("to"), to}}});
    };
    if (wanted.requireApproval != current.requireApproval)
        changed(QStringLiteral("requireApproval"), current.requireApproval, wanted.requireApproval);
    if (wanted.approvalsRequired != current.approvalsRequired)
        changed(QStringLiteral("approvalsRequired"), current.approvalsRequired, wanted.approvalsRequired);
    if (backups != before)
        changed(
            QStringLiteral("backupApprovers"), QJsonArray::fromStringList(before), QJsonArray::fromStringList(backups));
    if (wanted.escalationLeadMinutes != current.escalationLeadMinutes)
        changed(QStringLiteral("escalationLeadMinutes"), current.escalationLeadMinutes, wanted.escalationLeadMinutes);
    return events;
}

Result<QList<AuditEvent>>
Lifecycle::changeRole(const Actor& actor, const RoleAssignment& assignment, const QList<RoleAssignment>& current)
{
    if (Status allowed = permits(actor, Action::ManageRoles, assignment.tenantId); !allowed)
        return allowed.error();
    const QString principal = assignment.principal.trimmed();
    if (principal.isEmpty() || !principal.contains(QLatin1Char('@')))
        return Error(Error::Code::InvalidInput,
                     tr("Give the person's sign-in name, like megan@contoso.com; \"%1\" is not one.").arg(principal));
    if (assignment.role != Role::None && !roles::isCustomerRole(assignment.role))
        return Error(Error::Code::InvalidInput,
                     tr("A customer tenant can assign only Global administrator, Lockbox access approver and Reader."));

    auto existing = std::find_if(current.cbegin(), current.cend(), [&](const RoleAssignment& held) {
        return held.principal.compare(principal, Qt::CaseInsensitive) == 0;
    });
    const Role before = existing == current.cend() ? Role::None : existing->role;
    if (before == assignment.role)
        return Error(Error::Code::InvalidInput,
                     assignment.role == Role::None
                         ? tr("%1 holds no role to remove.").arg(principal)
                         : tr("%1 is already a %2.").arg(principal, roles::displayName(assignment.role)));
    if (before == Role::GlobalAdministrator) {
        const auto admins = std::count_if(current.cbegin(), current.cend(), [](const RoleAssignment& held) {
            return held.role == Role::GlobalAdministrator;
        });
        if (admins <= 1)
            return Error(Error::Code::InvalidState,
                         tr("%1 is the last Global administrator; assign another one first.").arg(principal));
    }

    QList<AuditEvent> events;
    if (before != Role::None)
        events.append(
            AuditEvent {AuditOperation::RoleRemoved,
                        {},
                        {{QStringLiteral("principal"), principal}, {QStringLiteral("role"), roles::key(before)}}});
    if (assignment.role != Role::None)
        events.append(AuditEvent {
            AuditOperation::RoleAssigned,
            {},
            {{QStringLiteral("principal"), principal}, {QStringLiteral("role"), roles::key(assignment.role)}}});
    return events;
}

} // namespace lockbox
