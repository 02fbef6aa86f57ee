#pragma once

#include "ApproverNotice.h"
#include "AuditChainHead.h"
#include "AuditQuery.h"
#include "GroupCommit.h"
#include "Page.h"
#include "RequestQuery.h"
#include "RequestSummary.h"
#include "SqlConnection.h"
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
#include "signing/DecisionSignature.h"
#include "signing/RegisteredKey.h"
#include "signing/SigningKey.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <functional>
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
    // Whether the writer knows when a transition next falls due on requestIds as written
    // (nextDue; invalid when never). Otherwise the store reads the next due time again.
    bool nextDueKnown = false;
    QDateTime nextDue;
};

// The SQL behind SqlStore: one database connection, used from one thread, synchronous. Every
// write runs in one transaction with its audit records and asks Lifecycle before it writes.
class SqlRepository
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SqlRepository)

public:
    // `databaseName`: an SQLite file path or a PostgreSQL URL (see SqlDialect). The connection is
    // named uniquely per instance.
    SqlRepository(QString databaseName, std::shared_ptr<const Clock> clock);
    ~SqlRepository();
    SqlRepository(const SqlRepository&) = delete;
    SqlRepository& operator=(const SqlRepository&) = delete;

    Status open();
    // Call before each use: opens a lost server connection again (Unavailable if it cannot).
    Status reconnectIfLost() { return m_connection.reconnectIfLost(); }
    QSqlDatabase& database() { return m_db; }
    // A prepared statement kept for the connection's life (see SqlConnection::prepared).
    QSqlQuery& prepared(const QString& sql) { return m_connection.prepared(sql); }
    void trimStatements() { m_connection.trimStatements(); }
    // Where the data lives, without any password.
    QString location() const { return m_connection.location(); }

    Result<Actor> resolveActor(const Actor& actor);
    Result<Actor> signIn(const Actor& actor, ChangeSet* changes);
    Result<Page<AccessRequest>> listRequests(const Actor& actor, const RequestQuery& query);
    Result<AccessRequest> request(const Actor& actor, const QString& idOrReference);
    Result<RequestSummary> summary(const Actor& actor);
    Result<AccessRequest> fileRequest(const Actor& actor, const NewRequest& request, ChangeSet* changes);
    Result<AccessRequest> perform(const Actor& actor,
                                  const QString& requestId,
                                  Action action,
                                  const QString& comment,
                                  const DecisionSignature& signature,
                                  ChangeSet* changes);
    // perform() in pieces, for writing decisions in groups (GroupCommit): the common case, an
    // approver's decision that goes through, read and judged outside any transaction (nothing
    // when it needs more: a refusal to audit, a due transition first); then written in a group
    // on one connection; what was written; or, for one not written (it lost a race, the head was
    // stale, the judgement grew old), the whole way, judged again under the write lock.
    std::optional<GroupCommit::Write> judgeUncontended(const Actor& actor,
                                                       const QString& requestId,
                                                       Action action,
                                                       const QString& comment,
                                                       const DecisionSignature& signature);
    // PostgreSQL: writes the group (one tenant's, each on another request) together in one round
    // trip that takes the write lock, writes and commits, each update conditional on the
    // request's version and the approver's role, the audit records numbered on the shared
    // AuditChainHead; when one of them lost, the others each alone. Sets `written` on those
    // written; a write judged too long ago is not. True when the whole group went in one
    // statement. Nothing on SQLite.
    bool writeGroup(const QList<GroupCommit::Write*>& group);
    static AccessRequest writtenRequest(const GroupCommit::Write& write, ChangeSet* changes);
    // The answer for a write whose connection went on the way (outcomeUnknown).
    Error unknownOutcome(const GroupCommit::Write& write) const;
    Result<AccessRequest> performLocked(const Actor& actor,
                                        const QString& requestId,
                                        Action action,
                                        const QString& comment,
                                        const DecisionSignature& signature,
                                        ChangeSet* changes);
    bool isServer() const { return m_connection.dialect().isServer(); }
    Result<AccessCheck> checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId);
    Result<TenantSettings> settings(const Actor& actor);
    Result<TenantSettings> updateSettings(const Actor& actor, const TenantSettings& wanted, ChangeSet* changes);
    Result<QList<RoleAssignment>> roleAssignments(const Actor& actor);
    Result<QList<RoleAssignment>> setRole(const Actor& actor, const RoleAssignment& assignment, ChangeSet* changes);
    // The key this store endorses the keys it registers with, and without which it trusts none
    // that it did not endorse (KeyEndorsement). Set before the first call.
    void setEndorsementKey(const SigningKey& key);
    // Where the audit log ends, as the store's connections last wrote it (see AuditChainHead).
    void setAuditChainHead(std::shared_ptr<AuditChainHead> head) { m_auditHead = std::move(head); }
    // Registers the actor's public key (endorsed when the store has an endorsement key). The
    // actor's own key registered before, unendorsed, is endorsed now.
    Result<RegisteredKey> registerSigningKey(const Actor& actor, const QByteArray& publicKey, ChangeSet* changes);
    Result<QList<RegisteredKey>> signingKeys(const Actor& actor);
    Result<std::optional<RegisteredKey>> loadSigningKey(const QString& fingerprint);
    Result<QList<RegisteredKey>> loadKeys(const QString& tenantId);
    // Sets `key.trusted`: endorsed by this store's endorsement key, or any key when it has none.
    void judgeKey(RegisteredKey& key) const;
    Result<Page<AuditRecord>> auditRecords(const Actor& actor, const AuditQuery& query);
    Result<AuditVerification> verifyAudit(const Actor& actor);
    // Applies every transition due by the clock (expiry, ends of access windows). `nextDue`, when
    // given, receives when the next one falls due (none: nothing is waiting).
    Result<int> applyDueTransitions(QList<ChangeSet>* changes, std::optional<QDateTime>* nextDue = nullptr);
    Status createTenant(const TenantSettings& tenant, const RoleAssignment& firstAdmin, ChangeSet* changes);
    Status addOperatorStaff(const RoleAssignment& staff, ChangeSet* changes);

    // For the store's other repositories (accounts): runs `work` in one write transaction with the
    // same lock as every write here, and commits when it returns success, else rolls back.
    Status writeAtomically(const std::function<Status()>& work);
    // Appends to the tenant's audit chain: only inside writeAtomically, or the methods above.
    Status appendAudit(const Actor& actor, const QString& tenantId, const AuditEvent& event);
    // Several records at once, in order: one read of the chain's head and one INSERT, so that
    // the write lock is held for as few round trips as can be.
    Status appendAudit(const Actor& actor, const QString& tenantId, const QList<AuditEvent>& events);
    // Whether the tenant exists (the operator always does).
    bool tenantExists(const QString& tenantId);
    // Audit records of every tenant after `afterSeq`, oldest first: what the service streams.
    Result<QList<AuditRecord>> auditTail(qint64 afterSeq, int limit);
    Result<qint64> lastAuditSeq();

    // lockboxd's e-mail notices to approvers (see ApproverNotice). Each notice is taken on by
    // writing its audit record as the system, under the write lock: of several processes, and
    // across restarts, only the first gets it. Nothing when it is not due (any more).
    // That the request now awaits the customer's approvers (AwaitingApproval), or that it was
    // escalated to the backup approvers (Escalated).
    Result<std::optional<ApproverNotice>>
    claimApprovalNotice(const QString& requestId, ApproverNotice::Kind kind, ChangeSet* changes);
    // A warning for every request awaiting the customer that expires within `leadSeconds` of now
    // and has had none.
    Result<QList<ApproverNotice>> claimExpiryWarnings(qint64 leadSeconds, QList<ChangeSet>* changes);

private:
    class WriteTransaction;

    static Error notFound(const QString& idOrReference);
    static Error noSettings(const Actor& who);
    // StorageFailure naming the store, or Unavailable when the connection is gone.
    Error sqlError(const QString& what, const QSqlQuery& query);
    Error sqlError(const QString& what);
    QDateTime now() const { return m_clock->now(); }

    Result<Actor> resolveRole(const Actor& actor);
    Result<Actor> resolveFor(const Actor& actor, Action action, const QString& tenantId);
    // With decisions, and `key` given, also reads the signing key `keyFingerprint` (judged) into
    // it: what a decision needs, in one read.
    Result<std::optional<AccessRequest>> loadRequest(const QString& idOrReference,
                                                     bool withDecisions,
                                                     const QString& keyFingerprint = {},
                                                     std::optional<RegisteredKey>* key = nullptr);
    Result<TenantSettings> loadSettings(const QString& tenantId);
    Result<QList<RoleAssignment>> loadRoles(const QString& tenantId);
    // Whether a conditional write also needs the actor to still hold the role they were judged
    // with (see writeTransition).
    enum class RoleCheck { None, StillHeld };
    // A statement's text (with ? placeholders) and its values in order.
    struct SqlStatement
    {
        QString sql;
        QVariantList values;
    };
    static SqlStatement
    requestUpdate(const Actor& actor, const AccessRequest& request, int expectedVersion, RoleCheck roleCheck);
    static SqlStatement decisionInsert(const QString& requestId, const Decision& decision);
    static SqlStatement auditInsert(const QList<AuditRecord>& records);
    static bool execute(QSqlQuery& query, const SqlStatement& statement);
    // The audit log's last number, and the tenant's last record.
    Result<AuditChainHead::Link> readAuditHead(const QString& tenantId);
    // The records for `events`, chained on `head`, at `at`.
    static QList<AuditRecord> chainRecords(const Actor& actor,
                                           const QString& tenantId,
                                           const QList<AuditEvent>& events,
                                           const AuditChainHead::Link& head,
                                           const QDateTime& at);
    // Writes the transition when the request is still at `expectedVersion` (else `lost`, and
    // nothing written). With RoleCheck::StillHeld, also only while the actor still holds the role they
    // were judged with: a decision read and judged before the write lock was taken.
    Status writeTransition(const Actor& actor,
                           const RequestTransition& transition,
                           int expectedVersion,
                           bool* lost,
                           RoleCheck roleCheck = RoleCheck::None);
    // The writes in one round trip, all or none: Lost when one of them lost its race or the
    // audit head was stale, Failed when anything else failed, Unknown when the connection went
    // on the way (each write is marked outcomeUnknown).
    enum class GroupWrite { Written, Lost, Failed, Unknown };
    GroupWrite writeTogether(const QList<GroupCommit::Write*>& writes);
    // perform() for the common case: judgeUncontended(), then the write (in one round trip on
    // PostgreSQL). Nothing (and nothing written) when the decision needs the whole way.
    std::optional<Result<AccessRequest>> performUncontended(const Actor& actor,
                                                            const QString& requestId,
                                                            Action action,
                                                            const QString& comment,
                                                            const DecisionSignature& signature,
                                                            ChangeSet* changes);
    // The signature checked, or the refusal; when checked, it goes onto the approver's decision
    // and its audit record, so that an export can be checked without the database. The signing
    // key is read unless `knownKey` brings it.
    Status signTransition(const Actor& who,
                          const AccessRequest& current,
                          Action action,
                          const DecisionSignature& signature,
                          const QDateTime& at,
                          RequestTransition* change,
                          const std::optional<RegisteredKey>* knownKey = nullptr);
    // Assigns (or changes) a person's role, as `assignedBy`.
    Status saveRole(const RoleAssignment& assignment, const QString& assignedBy);
    Status insertRequest(const AccessRequest& request, qint64 refNumber);
    // Audits a refused settings or roles change and commits that record; returns `why`.
    Error refuseTenantChange(
        WriteTransaction& transaction, const Actor& who, Action action, const Error& why, ChangeSet* changes);
    Status auditRefusal(
        const Actor& actor, const QString& tenantId, Action action, const QString& requestId, const Error& why);
    Result<int> applyDue(const QDateTime& at, const QString& onlyRequestId, QList<ChangeSet>* changes);
    Result<std::optional<QDateTime>> nextDueAt();
    // Whether the request has an audit record of this operation already.
    Result<bool> hasAuditRecord(const QString& requestId, const QString& operation);
    // Pending requests expiring in (now, until] without an ExpiryWarningSent record.
    Result<QStringList> requestsToWarn(const QDateTime& now, const QDateTime& until);
    // Writes the notice's audit record when it has recipients; nothing (and false) when not.
    Result<bool> recordNotice(ApproverNotice& notice, const QString& operation);

    SqlConnection m_connection;
    QSqlDatabase& m_db; // m_connection's
    std::shared_ptr<const Clock> m_clock;
    std::optional<SigningKey> m_endorser;
    // Key rows judgeKey found endorsed, by fingerprint: the same row again needs no second check.
    mutable QHash<QString, RegisteredKey> m_endorsedKeys;
    std::shared_ptr<AuditChainHead> m_auditHead;
    // What the open write transaction appended to the audit log, for m_auditHead once committed.
    struct AppendedRecords
    {
        qint64 from = 0; // the log's last number the records were numbered on
        QString tenantId;
        AuditChainHead::Link last;
    };
    QList<AppendedRecords> m_appended;
};

} // namespace lockbox
