#pragma once

#include "AccessCheck.h"
#include "Action.h"
#include "RequestTransition.h"
#include "audit/AuditEvent.h"
#include "core/Result.h"
#include "domain/AccessRequest.h"
#include "domain/Actor.h"
#include "domain/RoleAssignment.h"
#include "domain/TenantSettings.h"
#include "signing/DecisionSignature.h"
#include "signing/RegisteredKey.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <optional>

namespace lockbox {

// The one home of Lockbox's rules (SPEC "People and roles" and "Lifecycle"). Pure functions:
// given who acts, on what, and the store's "now", it answers with the change to write or a
// refusal a person can act on. The GUI asks it to enable buttons, the store asks it before every
// write, and the service and the CLI only ever go through the store.
class Lifecycle
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::Lifecycle)

public:
    static constexpr int minDurationMinutes = 1;
    static constexpr int maxDurationMinutes = 240;
    static constexpr qint64 pendingLifetimeSeconds = 12 * 3600;
    // The longest question or answer on a request.
    static constexpr int maxMessageLength = 2000;
    // How long before expiry approvers are warned that an undecided request lapses.
    static constexpr qint64 expiryWarningSeconds = 3600;

    // Whether the actor's role allows the action in this tenant at all, regardless of any request.
    static Status permits(const Actor& actor, Action action, const QString& tenantId);

    // Whether the actor may see this request at all: customers see their tenant's, engineers their
    // own, managers every tenant's. A request they may not see does not exist for them.
    static bool isVisibleTo(const Actor& actor, const AccessRequest& request);

    // Whether the action needs a text: a reason (a deny, a manager's rejection: the person decided on
    // is told), or the message itself (a question, its answer).
    static bool reasonRequired(Action action);
    // Checks what an engineer filled in (duration, ticket, reason, scope), without who files it.
    static Status validate(const NewRequest& request);

    // Validates a new request and builds it in state Filed. The store supplies id and reference.
    static Result<RequestTransition> file(const Actor& actor,
                                          const NewRequest& request,
                                          const QString& id,
                                          const QString& reference,
                                          const QDateTime& now);

    // Applies a decision (manager approve/reject, approve, deny, revoke, withdraw), a question or
    // its answer (the comment is the text), or a system transition (expire, end window, escalate)
    // to a request. `policy` is the request's tenant settings.
    static Result<RequestTransition> apply(const Actor& actor,
                                           Action action,
                                           const AccessRequest& request,
                                           const TenantSettings& policy,
                                           const QDateTime& now,
                                           const QString& comment = {});

    // How far the time an approver signed at may be from the store's.
    static constexpr qint64 signatureClockSkewSeconds = 5 * 60;
    // Whether `signature` is `actor`'s valid signature of this decision on `request` at `now`:
    // made with `key` (the registered key it names; nothing when none is), the actor's own,
    // within the allowed clock skew, over this very request and decision.
    static Status checkSignature(const AccessRequest& request,
                                 Action action,
                                 const Actor& actor,
                                 const DecisionSignature& signature,
                                 const std::optional<RegisteredKey>& key,
                                 const QDateTime& now);
    // Whether a decision already taken on `request` (approve, deny or revoke) carries its
    // approver's valid signature, judged with the tenant's registered `keys`; an unsigned one
    // fails with a message that says so.
    static Status
    checkDecisionSignature(const AccessRequest& request, const Decision& decision, const QList<RegisteredKey>& keys);
    // What to do about a request that was changed in the database outside Lockbox.
    static QString editedAdvice();
    // Whether a decision of this kind is one its approver signs.
    static bool isSignedKind(Decision::Kind kind);

    // Whether the actor could take this action on the request at `now` (for enabling a button).
    // Ignores what only the action's form supplies (a deny reason) and the tenant policy.
    static Status mayPerform(const Actor& actor, Action action, const AccessRequest& request, const QDateTime& now);

    // The system transition that is due on this request at `now`, if any: expiry of an
    // undecided request, its escalation to the backup approvers, or the end of an access window.
    static std::optional<RequestTransition> due(const AccessRequest& request, const QDateTime& now);
    // The earliest time from which due() has a transition for the request as it stands, if ever.
    static std::optional<QDateTime> nextDueAt(const AccessRequest& request);

    // Whether the request still waits for a decision (the operator's manager's or the customer's);
    // only such a request counts down to its expiry.
    static bool isAwaitingDecision(const AccessRequest& request);
    // Whether the request waits for the customer's approvers at `now`: the manager approved it
    // and it has not lapsed. What lockboxd e-mails the approvers about.
    static bool awaitsCustomerDecision(const AccessRequest& request, const QDateTime& now);
    static QList<RequestStatus> awaitingDecisionStatuses();
    // The states a customer decision (or the system's, for them) leads to: what "decided" means.
    static QList<RequestStatus> decidedStatuses();

    // Whether the access window of an approved request holds at `now`.
    static bool isAccessOpen(const AccessRequest& request, const QDateTime& now);
    // Access holds only while the window is open and the approvals that opened it are signed: each
    // of the approvals required by a different approver, each signature verifying with that
    // approver's registered key (`keys`: the tenant's). A request the system approved (the tenant
    // does not require approval) carries no approver's signature. `request` has its decisions.
    static AccessCheck
    checkAccess(const AccessRequest& request, const QDateTime& now, const QList<RegisteredKey>& keys);

    // Validates a settings change and describes it for the audit log. `assignments`: the
    // tenant's roles (backup approvers must hold an approving one).
    static Result<QList<AuditEvent>> changeSettings(const Actor& actor,
                                                    const TenantSettings& current,
                                                    const TenantSettings& wanted,
                                                    const QList<RoleAssignment>& assignments);
    // Sign-in names as the store keeps them: trimmed, lower case, without duplicates or blanks.
    static QStringList normalizedPrincipals(const QStringList& principals);
    // Whether the tenant named `principal` a backup approver (to be told of escalations).
    static bool isBackupApprover(const TenantSettings& settings, const QString& principal);

    // Validates assigning `assignment.role` (or removing, when Role::None) to a person.
    // `current` is the tenant's assignments before the change.
    static Result<QList<AuditEvent>>
    changeRole(const Actor& actor, const RoleAssignment& assignment, const QList<RoleAssignment>& current);

    // "2026-11-24 20:30 UTC": how times appear in refusal messages.
    static QString formatTime(const QDateTime& time);
};

} // namespace lockbox
