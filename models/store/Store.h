#pragma once

#include "AuditQuery.h"
#include "Page.h"
#include "RequestQuery.h"
#include "RequestSummary.h"
#include "audit/AuditRecord.h"
#include "audit/AuditVerification.h"
#include "core/Result.h"
#include "domain/AccessRequest.h"
#include "domain/Actor.h"
#include "domain/RoleAssignment.h"
#include "domain/TenantSettings.h"
#include "lifecycle/AccessCheck.h"
#include "lifecycle/Action.h"
#include "signing/DecisionSignature.h"
#include "signing/RegisteredKey.h"

#include <QFuture>
#include <QObject>

namespace lockbox {

// The one interface the Admin Center, the service and the command line use for Lockbox data.
// Every call returns a future and never blocks the caller: a local store works on its own
// thread, a remote one over the network. Every call names the actor; the store resolves the
// actor's role from its own assignments and enforces the lifecycle on every write, so no caller
// can skip a rule. Results are values or Errors with a message for a person.
class Store : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Where the data lives, for display ("/home/megan/lockbox.db", "https://lockbox.example").
    virtual QString location() const = 0;

    // Prepares the store (schema, connection). Must finish before any other call.
    virtual QFuture<Status> open() = 0;

    // The actor as the store knows them: their role in the tenant. PermissionDenied when none.
    virtual QFuture<Result<Actor>> resolveActor(const Actor& actor) = 0;
    // Like resolveActor, and records the sign-in, or the refused one, in the tenant's audit log.
    virtual QFuture<Result<Actor>> signIn(const Actor& actor) = 0;

    virtual QFuture<Result<Page<AccessRequest>>> listRequests(const Actor& actor, const RequestQuery& query) = 0;
    // By id or reference, with its decisions.
    virtual QFuture<Result<AccessRequest>> request(const Actor& actor, const QString& idOrReference) = 0;
    virtual QFuture<Result<RequestSummary>> summary(const Actor& actor) = 0;

    virtual QFuture<Result<AccessRequest>> fileRequest(const Actor& actor, const NewRequest& request) = 0;
    // Manager approve/reject, approve, deny, revoke, withdraw. A conditional write: of two
    // racing decisions exactly one wins; the other gets Conflict naming the winner.
    // A customer decision (approve, deny, revoke) must carry its approver's signature (see
    // DecisionSignature); one without a signature, or with one that does not verify against the
    // approver's registered key, is refused.
    virtual QFuture<Result<AccessRequest>> perform(const Actor& actor,
                                                   const QString& requestId,
                                                   Action action,
                                                   const QString& comment,
                                                   const DecisionSignature& signature = {})
        = 0;
    // Whether `engineer` may touch `tenantId`'s content now (operator side).
    virtual QFuture<Result<AccessCheck>>
    checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId) = 0;

    virtual QFuture<Result<TenantSettings>> settings(const Actor& actor) = 0;
    virtual QFuture<Result<TenantSettings>> updateSettings(const Actor& actor, const TenantSettings& wanted) = 0;

    virtual QFuture<Result<QList<RoleAssignment>>> roleAssignments(const Actor& actor) = 0;
    // Assigns a role, or removes it with Role::None. Returns the tenant's assignments after.
    virtual QFuture<Result<QList<RoleAssignment>>> setRole(const Actor& actor, const RoleAssignment& assignment) = 0;

    // Registers the actor's public signing key (Ed25519, 32 bytes) for their decisions: audited,
    // idempotent for the same key; Conflict when the key is someone else's.
    virtual QFuture<Result<RegisteredKey>> registerSigningKey(const Actor& actor, const QByteArray& publicKey) = 0;
    // The tenant's registered keys, oldest first.
    virtual QFuture<Result<QList<RegisteredKey>>> signingKeys(const Actor& actor) = 0;

    virtual QFuture<Result<Page<AuditRecord>>> auditRecords(const Actor& actor, const AuditQuery& query) = 0;
    // Checks the actor's tenant's audit chain from its first record to its last.
    virtual QFuture<Result<AuditVerification>> verifyAudit(const Actor& actor) = 0;

    // Applies what the clock says is due: expiry of undecided requests, end of access windows.
    // Returns how many requests changed.
    virtual QFuture<Result<int>> applyDueTransitions() = 0;

    // Provisioning, done by Lockbox itself (set-up, seed, `lockboxctl tenant add`): audited as
    // the system. A tenant starts with `firstAdmin` as its Global administrator.
    virtual QFuture<Status> createTenant(const TenantSettings& tenant, const RoleAssignment& firstAdmin) = 0;
    // Adds an operator staff member (Support engineer or Support manager).
    virtual QFuture<Status> addOperatorStaff(const RoleAssignment& staff) = 0;

    // Conveniences over perform().
    QFuture<Result<AccessRequest>> approve(const Actor& actor, const QString& id, const QString& comment = {});
    QFuture<Result<AccessRequest>> deny(const Actor& actor, const QString& id, const QString& reason);
    QFuture<Result<AccessRequest>> revoke(const Actor& actor, const QString& id, const QString& comment = {});

signals:
    // Emitted after a change is committed, whoever made it (this store, or another client of a
    // shared store when the implementation can tell).
    void requestsChanged(const QString& tenantId, const QStringList& requestIds);
    void settingsChanged(const QString& tenantId);
    void rolesChanged(const QString& tenantId);
    void auditAppended(const QString& tenantId);
};

// The tenant id of the operator's own organisation (engineers and managers).
inline const QString operatorTenantId = QStringLiteral("operator");

} // namespace lockbox
