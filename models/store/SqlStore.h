#pragma once

#include "SqlDialect.h"
#include "Store.h"
#include "accounts/AuthSession.h"
#include "core/Clock.h"

#include <QThreadPool>
#include <memory>
#include <optional>

namespace lockbox {

class AccountRepository;
class SqlRepository;
struct ChangeSet;

// The local store: an SQLite file, used by one Admin Center or by lockboxd, or a PostgreSQL
// database (a postgresql:// URL) shared by several processes. All database work runs on one
// worker thread of its own, so callers get futures and the GUI never waits on disk.
// Before every call it applies the transitions the clock says are due (expiry, window ends).
class SqlStore : public Store
{
    Q_OBJECT

public:
    SqlStore(QString databasePath, std::shared_ptr<const Clock> clock, QObject* parent = nullptr);
    ~SqlStore() override;

    QString location() const override { return SqlDialect::displayName(m_path); }
    QFuture<Status> open() override;

    QFuture<Result<Actor>> resolveActor(const Actor& actor) override;
    QFuture<Result<Actor>> signIn(const Actor& actor) override;
    QFuture<Result<Page<AccessRequest>>> listRequests(const Actor& actor, const RequestQuery& query) override;
    QFuture<Result<AccessRequest>> request(const Actor& actor, const QString& idOrReference) override;
    QFuture<Result<RequestSummary>> summary(const Actor& actor) override;
    QFuture<Result<AccessRequest>> fileRequest(const Actor& actor, const NewRequest& request) override;
    QFuture<Result<AccessRequest>>
    perform(const Actor& actor, const QString& requestId, Action action, const QString& comment) override;
    QFuture<Result<AccessCheck>>
    checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId) override;
    QFuture<Result<TenantSettings>> settings(const Actor& actor) override;
    QFuture<Result<TenantSettings>> updateSettings(const Actor& actor, const TenantSettings& wanted) override;
    QFuture<Result<QList<RoleAssignment>>> roleAssignments(const Actor& actor) override;
    QFuture<Result<QList<RoleAssignment>>> setRole(const Actor& actor, const RoleAssignment& assignment) override;
    QFuture<Result<Page<AuditRecord>>> auditRecords(const Actor& actor, const AuditQuery& query) override;
    QFuture<Result<AuditVerification>> verifyAudit(const Actor& actor) override;
    QFuture<Result<int>> applyDueTransitions() override;
    QFuture<Status> createTenant(const TenantSettings& tenant, const RoleAssignment& firstAdmin) override;
    QFuture<Status> addOperatorStaff(const RoleAssignment& staff) override;

    // The service's side (lockboxd, and `lockboxctl account` for provisioning): accounts, bearer
    // tokens and second factors. Password hashing and checking run on the global thread pool,
    // never on the store's worker, so a sign-in does not hold up other callers.
    QFuture<Status> addAccount(const QString& tenantId, const QString& principal, const QString& password);
    // A new password when one is given, and/or removes the second factor when `resetMfa`.
    QFuture<Status> resetAccount(const QString& tenantId,
                                 const QString& principal,
                                 const std::optional<QString>& password,
                                 bool resetMfa);
    QFuture<Result<AuthSession>> signInWithPassword(const SignInAttempt& attempt);
    QFuture<Result<AuthSession>> authenticate(const QString& token);
    QFuture<Result<AuthSession>> stepUp(const QString& token, const QString& code);
    QFuture<Result<MfaEnrolment>> enrolMfa(const QString& token);
    QFuture<Result<MfaEnrolment>> enrolMfa(const QString& tenantId, const QString& principal);
    QFuture<Status> signOut(const QString& token);
    // Every tenant's audit records after `afterSeq`, oldest first (the service's event stream).
    QFuture<Result<QList<AuditRecord>>> auditTail(qint64 afterSeq, int limit);
    QFuture<Result<qint64>> lastAuditSeq();

private:
    // Runs `work` on the worker thread and returns its result as a future.
    template <typename R, typename Work>
    QFuture<R> onWorker(Work work);
    // Runs `work` on the worker thread after applying due transitions.
    template <typename R, typename Work>
    QFuture<R> run(Work work);
    // Like run(), with the account repository.
    template <typename R, typename Work>
    QFuture<R> runAccounts(Work work);
    // Applies due transitions on the worker thread and tells listeners. Returns how many.
    Result<int> sweep();
    void publish(const ChangeSet& changes);

    QString m_path;
    std::shared_ptr<const Clock> m_clock;
    QThreadPool m_pool;
    std::unique_ptr<SqlRepository> m_repository; // lives on, and is used only from, the worker thread
    std::unique_ptr<AccountRepository> m_accounts; // likewise, over m_repository's connection
};

} // namespace lockbox
