#pragma once

#include "ApproverNotice.h"
#include "AuditChainHead.h"
#include "GroupCommit.h"
#include "SqlDialect.h"
#include "Store.h"
#include "accounts/AuthSession.h"
#include "core/Clock.h"
#include "signing/SigningKey.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace lockbox {

class AccountRepository;
class SqlRepository;
struct ChangeSet;

// The local store: an SQLite file, used by one Admin Center or by lockboxd, or a PostgreSQL
// database (a postgresql:// URL) shared by several processes. Database work runs on worker
// threads of its own, each with its own connection, so callers get futures and the GUI never
// waits on disk. One connection by default (calls then run in the order they were made);
// lockboxd uses several, so that reads run side by side while writes take their turn.
// Before a call it applies the transitions the clock says are due (expiry, window ends).
class SqlStore : public Store
{
    Q_OBJECT

public:
    SqlStore(QString databasePath, std::shared_ptr<const Clock> clock, QObject* parent = nullptr);
    ~SqlStore() override;

    QString location() const override { return SqlDialect::displayName(m_path); }
    // How many connections (and worker threads) open() opens: 1 to 32. Call before open().
    void setConnectionCount(int count);
    // The key lockboxd endorses the approvers' keys it registers with (KeyEndorsement), kept
    // outside the database; with it, decisions signed with keys it did not endorse do not count.
    // Call before open(). A store without one (the Admin Center's, lockboxctl's) trusts every
    // registered key.
    void setEndorsementKey(const SigningKey& key) { m_endorser = key; }
    QFuture<Status> open() override;

    QFuture<Result<Actor>> resolveActor(const Actor& actor) override;
    QFuture<Result<Actor>> signIn(const Actor& actor) override;
    QFuture<Result<Page<AccessRequest>>> listRequests(const Actor& actor, const RequestQuery& query) override;
    QFuture<Result<AccessRequest>> request(const Actor& actor, const QString& idOrReference) override;
    QFuture<Result<RequestSummary>> summary(const Actor& actor) override;
    QFuture<Result<AccessRequest>> fileRequest(const Actor& actor, const NewRequest& request) override;
    QFuture<Result<AccessRequest>> perform(const Actor& actor,
                                           const QString& requestId,
                                           Action action,
                                           const QString& comment,
                                           const DecisionSignature& signature = {}) override;
    QFuture<Result<AccessCheck>>
    checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId) override;
    QFuture<Result<TenantSettings>> settings(const Actor& actor) override;
    QFuture<Result<TenantSettings>> updateSettings(const Actor& actor, const TenantSettings& wanted) override;
    QFuture<Result<QList<RoleAssignment>>> roleAssignments(const Actor& actor) override;
    QFuture<Result<QList<RoleAssignment>>> setRole(const Actor& actor, const RoleAssignment& assignment) override;
    QFuture<Result<RegisteredKey>> registerSigningKey(const Actor& actor, const QByteArray& publicKey) override;
    QFuture<Result<QList<RegisteredKey>>> signingKeys(const Actor& actor) override;
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
    // Whose token this is. A session looked up in the last second may be answered from memory
    // (`Freshness::Cached`): sign-out, step-up and account resets here update that memory at
    // once; those made by another process on the same database show within that second.
    enum class Freshness { Cached, FromDatabase };
    QFuture<Result<AuthSession>> authenticate(const QString& token, Freshness freshness = Freshness::Cached);
    QFuture<Result<AuthSession>> stepUp(const QString& token, const QString& code);
    QFuture<Result<MfaEnrolment>> enrolMfa(const QString& token);
    QFuture<Result<MfaEnrolment>> enrolMfa(const QString& tenantId, const QString& principal);
    QFuture<Status> signOut(const QString& token);
    // Every tenant's audit records after `afterSeq`, oldest first (the service's event stream).
    QFuture<Result<QList<AuditRecord>>> auditTail(qint64 afterSeq, int limit);
    QFuture<Result<qint64>> lastAuditSeq();
    // lockboxd's e-mail to approvers (MailNotifier): takes a notice on by writing its audit record,
    // so that it is sent once whichever lockboxd on the database asks first, and after a restart.
    // Empty when it is not due: not Pending any more, noticed already, or nobody to tell.
    QFuture<Result<std::optional<ApproverNotice>>>
    claimApprovalNotice(const QString& requestId, ApproverNotice::Kind kind = ApproverNotice::Kind::AwaitingApproval);
    // Warnings for the requests awaiting the customer that expire within `leadSeconds` and have
    // had none yet.
    QFuture<Result<QList<ApproverNotice>>> claimExpiryWarnings(qint64 leadSeconds);

private:
    struct Worker;
    struct CachedSession
    {
        AuthSession session;
        qint64 cachedAtMs = 0;
    };
    // How long a session or the next due time is taken from memory before the database is asked
    // again (what another process changed shows within this time).
    static constexpr qint64 recheckMs = 1000;
    static constexpr qsizetype maxCachedSessions = 10000;

    // Runs `work(worker)` on the least busy worker thread and returns its result as a future.
    Worker& idlestWorker();
    template <typename R, typename Work>
    QFuture<R> onWorker(Work work);
    template <typename R, typename Work>
    QFuture<R> onWorker(Worker& worker, Work work);
    // Runs `work(repository)` on a worker thread after applying due transitions.
    template <typename R, typename Work>
    QFuture<R> run(Work work);
    // Like run(), with the account repository.
    template <typename R, typename Work>
    QFuture<R> runAccounts(Work work);
    Status openWorker(Worker& worker);
    enum class Sweep { IfDue, Not };
    // Before a call on `worker`: the store is open, the connection is there (reopened after a
    // loss), and, with Sweep::IfDue, the transitions that fell due are applied.
    Status readyForCall(Worker& worker, Sweep due);
    // Applies due transitions on `worker` and tells listeners, when the cached next due time says
    // some may be due. Returns how many.
    Result<int> sweep(Worker& worker, bool always = false);
    void publish(const ChangeSet& changes);
    // On the writer's thread: writes the queued decisions in groups until none waits.
    void writeDecisions();
    void rememberSession(const QString& token, const AuthSession& session);
    void forgetSessions(const QString& token = {});

    QString m_path;
    std::shared_ptr<const Clock> m_clock;
    int m_connectionCount = 1;
    std::optional<SigningKey> m_endorser;
    // Shared by the repositories: where this process last left the audit log.
    std::shared_ptr<AuditChainHead> m_auditHead = std::make_shared<AuditChainHead>();
    std::shared_ptr<GroupCommit> m_groupCommit = std::make_shared<GroupCommit>();
    std::vector<std::unique_ptr<Worker>> m_workers;
    // The connection that writes decisions in groups (opened on a server database only), and
    // whether it is open.
    std::unique_ptr<Worker> m_writer;
    std::atomic<bool> m_groupWrites {false};
    QElapsedTimer m_uptime;
    // When the next transition falls due (ms since the epoch; max: nothing waits), when that was
    // read (ms of m_uptime), and whether a write here may have changed it since.
    std::atomic<qint64> m_nextDueMs {0};
    std::atomic<qint64> m_nextDueReadAtMs {0};
    std::atomic<bool> m_nextDueStale {true};
    // Guards changes to the three above: sweeps reading the next due time right now, and the
    // earliest due time writes published meanwhile (what a sweep's read may predate).
    QMutex m_nextDueMutex;
    int m_sweeping = 0;
    qint64 m_dueWhileSweeping = 0;
    QMutex m_sessionsMutex;
    QHash<QString, CachedSession> m_sessions; // by token, guarded by m_sessionsMutex
};

} // namespace lockbox
