#pragma once

#include "Store.h"
#include "core/Clock.h"

#include <QThreadPool>
#include <memory>

namespace lockbox {

class SqlRepository;
struct ChangeSet;

// The local store: an SQLite file, used by one Admin Center or by lockboxd. All database work
// runs on one worker thread of its own, so callers get futures and the GUI never waits on disk.
// Before every call it applies the transitions the clock says are due (expiry, window ends).
class SqlStore : public Store
{
    Q_OBJECT

public:
    SqlStore(QString databasePath, std::shared_ptr<const Clock> clock, QObject* parent = nullptr);
    ~SqlStore() override;

    QString location() const override { return m_path; }
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

private:
    // Runs `work` on the worker thread and returns its result as a future.
    template <typename R, typename Work>
    QFuture<R> onWorker(Work work);
    // Runs `work` on the worker thread after applying due transitions.
    template <typename R, typename Work>
    QFuture<R> run(Work work);
    // Applies due transitions on the worker thread and tells listeners. Returns how many.
    Result<int> sweep();
    void publish(const ChangeSet& changes);

    QString m_path;
    std::shared_ptr<const Clock> m_clock;
    QThreadPool m_pool;
    std::unique_ptr<SqlRepository> m_repository; // lives on, and is used only from, the worker thread
};

} // namespace lockbox
