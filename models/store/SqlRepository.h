#pragma once

#include "AuditQuery.h"
#include "Page.h"
#include "RequestQuery.h"
#include "RequestSummary.h"
#include "audit/AuditEvent.h"
#include "audit/AuditRecord.h"
#include "audit/AuditVerification.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "domain/AccessRequest.h"
#include "domain/Actor.h"
#include "domain/RoleAssignment.h"
#include "domain/TenantSettings.h"
#include "lifecycle/AccessCheck.h"
#include "lifecycle/Action.h"
#include "lifecycle/RequestTransition.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <memory>
#include <optional>

class QSqlQuery;

namespace lockbox {

// What a write changed, so that the store can tell its listeners after the commit.
struct ChangeSet
{
    QString tenantId;
    QStringList requestIds;
    bool settings = false;
    bool roles = false;
    bool audit = false;
};

// The SQL behind SqlStore: one database connection, used from one thread, synchronous. Every
// write runs in one transaction with its audit records and asks Lifecycle before it writes.
class SqlRepository
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SqlRepository)

public:
    // `databaseName`: a file path for SQLite. The connection is named uniquely per instance.
    SqlRepository(QString databaseName, std::shared_ptr<const Clock> clock);
    ~SqlRepository();
    SqlRepository(const SqlRepository&) = delete;
    SqlRepository& operator=(const SqlRepository&) = delete;

    Status open();
    QSqlDatabase& database() { return m_db; }

    Result<Actor> resolveActor(const Actor& actor);
    Result<Actor> signIn(const Actor& actor, ChangeSet* changes);
    Result<Page<AccessRequest>> listRequests(const Actor& actor, const RequestQuery& query);
    Result<AccessRequest> request(const Actor& actor, const QString& idOrReference);
    Result<RequestSummary> summary(const Actor& actor);
    Result<AccessRequest> fileRequest(const Actor& actor, const NewRequest& request, ChangeSet* changes);
    Result<AccessRequest>
    perform(const Actor& actor, const QString& requestId, Action action, const QString& comment, ChangeSet* changes);
    Result<AccessCheck> checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId);
    Result<TenantSettings> settings(const Actor& actor);
    Result<TenantSettings> updateSettings(const Actor& actor, const TenantSettings& wanted, ChangeSet* changes);
    Result<QList<RoleAssignment>> roleAssignments(const Actor& actor);
    Result<QList<RoleAssignment>> setRole(const Actor& actor, const RoleAssignment& assignment, ChangeSet* changes);
    Result<Page<AuditRecord>> auditRecords(const Actor& actor, const AuditQuery& query);
    Result<AuditVerification> verifyAudit(const Actor& actor);
    Result<int> applyDueTransitions(QList<ChangeSet>* changes);
    Status createTenant(const TenantSettings& tenant, const RoleAssignment& firstAdmin, ChangeSet* changes);
    Status addOperatorStaff(const RoleAssignment& staff, ChangeSet* changes);

private:
    class WriteTransaction;

    static Error notFound(const QString& idOrReference);
    Error sqlError(const QString& what, const QSqlQuery& query) const;
    Error sqlError(const QString& what) const;
    QDateTime now() const { return m_clock->now(); }

    Result<Actor> resolveRole(const Actor& actor);
    Result<Actor> resolveFor(const Actor& actor, Action action, const QString& tenantId);
    Result<std::optional<AccessRequest>> loadRequest(const QString& idOrReference, bool withDecisions);
    Result<TenantSettings> loadSettings(const QString& tenantId);
    Result<QList<RoleAssignment>> loadRoles(const QString& tenantId);
    Status writeTransition(const Actor& actor, const RequestTransition& transition, int expectedVersion, bool* lost);
    // Assigns (or changes) a person's role, as `assignedBy`.
    Status saveRole(const RoleAssignment& assignment, const QString& assignedBy);
    Status insertRequest(const AccessRequest& request, qint64 refNumber);
    Status appendAudit(const Actor& actor, const QString& tenantId, const AuditEvent& event);
    // Audits a refused settings or roles change and commits that record; returns `why`.
    Error refuseTenantChange(
        WriteTransaction& transaction, const Actor& who, Action action, const Error& why, ChangeSet* changes);
    Status auditRefusal(
        const Actor& actor, const QString& tenantId, Action action, const QString& requestId, const Error& why);
    Result<int> applyDue(const QDateTime& at, const QString& onlyRequestId, QList<ChangeSet>* changes);
    bool anythingDue(const QDateTime& at);
    void sweepIfDue();

    QString m_connectionName;
    QSqlDatabase m_db;
    std::shared_ptr<const Clock> m_clock;
};

} // namespace lockbox
