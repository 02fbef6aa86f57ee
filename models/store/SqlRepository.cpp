#include "SqlRepository.h"

#include "audit/AuditChainVerifier.h"
#include "audit/AuditOperation.h"
#include "lifecycle/Lifecycle.h"
#include "signing/DecisionStatement.h"
#include "signing/KeyEndorsement.h"
#include "signing/SigningKey.h"
#include "store/SchemaMigrations.h"
#include "store/SqlWriteTransaction.h"
#include "store/Store.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace lockbox {

namespace {

const QString requestColumns = QStringLiteral(
    "id, reference, service_request, tenant_id, workload, requester, reason, scope, duration_minutes, created_at, "
    "expires_at, status, approvals_required, approvals_count, manager, manager_decided_at, decided_by, decided_at, "
    "decision_comment, access_from, access_until, version, information_requested, escalate_at, escalated_at");
// Columns of requestColumns; a list query's sort value and reference number follow them.
constexpr int requestColumnCount = 25;

constexpr qint64 firstReferenceNumber = 359001;
// How long a decision judged before the write lock may wait for it and still be written as
// judged (performUncontended).
constexpr qint64 maxJudgedAgeMs = 1000;

QVariant toMs(const QDateTime& time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qlonglong>());
}

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString& value)
{
    return value.isNull() ? QString(QLatin1String("")) : value;
}

QDateTime fromMs(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

AccessRequest readRequest(const QSqlQuery& query)
{
    AccessRequest request;
    request.id = query.value(0).toString();
    request.reference = query.value(1).toString();
    request.serviceRequest = query.value(2).toString();
    request.tenantId = query.value(3).toString();
    workloads::fromKey(query.value(4).toString(), &request.workload);
    request.requester = query.value(5).toString();
    request.reason = query.value(6).toString();
    request.scope = query.value(7).toString();
    request.durationMinutes = query.value(8).toInt();
    request.created = fromMs(query.value(9));
    request.expires = fromMs(query.value(10));
    requestStatus::fromKey(query.value(11).toString(), &request.status);
    request.approvalsRequired = query.value(12).toInt();
    request.approvalsCount = query.value(13).toInt();
    request.manager = query.value(14).toString();
    request.managerDecidedAt = fromMs(query.value(15));
    request.decidedBy = query.value(16).toString();
    request.decidedAt = fromMs(query.value(17));
    request.decisionComment = query.value(18).toString();
    request.accessFrom = fromMs(query.value(19));
    request.accessUntil = fromMs(query.value(20));
    request.version = query.value(21).toInt();
    request.informationRequested = query.value(22).toInt() != 0;
    request.escalateAt = fromMs(query.value(23));
    request.escalatedAt = fromMs(query.value(24));
    return request;
}

// kind, actor, actor_role, at, comment, signing_key, signed_at, signature from column `first` on.
Decision readDecision(const QSqlQuery& query, int first)
{
    Decision decision;
    Decision::kindFromKey(query.value(first).toString(), &decision.kind);
    decision.actor = query.value(first + 1).toString();
    decision.actorRole = roles::fromKey(query.value(first + 2).toString());
    decision.at = fromMs(query.value(first + 3));
    decision.comment = query.value(first + 4).toString();
    decision.signingKey = query.value(first + 5).toString();
    decision.signedAt = fromMs(query.value(first + 6));
    decision.signature = QByteArray::fromBase64(query.value(first + 7).toString().toLatin1());
    return decision;
}

AuditRecord readAudit(const QSqlQuery& query)
{
    AuditRecord record;
    record.seq = query.value(0).toLongLong();
    record.at = fromMs(query.value(1));
    record.actor = query.value(2).toString();
    record.actorRole = roles::fromKey(query.value(3).toString());
    record.tenantId = query.value(4).toString();
    record.operation = query.value(5).toString();
    record.requestId = query.value(6).toString();
    record.details = QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object();
    record.prevHash = query.value(8).toString();
    record.hash = query.value(9).toString();
    record.tenantSeq = query.value(10).toLongLong();
    return record;
}

const QString decisionColumns
    = QStringLiteral("kind, actor, actor_role, at, comment, signing_key, signed_at, signature");
constexpr int decisionColumnCount = 8;

// `columns` (a comma-separated list) each prefixed with a table's alias.
QString qualified(const QString& columns, const QString& alias)
{
    QStringList names = columns.split(QStringLiteral(", "));
    for (QString& name : names)
        name.prepend(alias + QLatin1Char('.'));
    return names.join(QStringLiteral(", "));
}

// Where a chain ends after `record`.
AuditChainHead::Link linkTo(const AuditRecord& record)
{
    return AuditChainHead::Link {record.seq, record.tenantSeq, record.hash};
}

// `sql` with its ? placeholders numbered $1, $2, … as PostgreSQL's own PREPARE wants them (none
// of the statements here has a ? inside a quoted literal).
QString numberedPlaceholders(const QString& sql)
{
    QString numbered;
    numbered.reserve(sql.size() + sql.size() / 4);
    int next = 0;
    bool quoted = false;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (c == QLatin1Char('?') && !quoted)
            numbered += QLatin1Char('$') + QString::number(++next);
        else
            numbered += c;
    }
    return numbered;
}

const QString signingKeyColumns
    = QStringLiteral("tenant_id, principal, fingerprint, public_key, registered_at, endorsement");

// A signing_keys row in signingKeyColumns' order (not yet judged: see SqlRepository::judgeKey).
RegisteredKey readSigningKey(const QSqlQuery& query, int first = 0)
{
    return RegisteredKey {query.value(first).toString(),
                          query.value(first + 1).toString(),
                          query.value(first + 2).toString(),
                          QByteArray::fromBase64(query.value(first + 3).toString().toLatin1()),
                          fromMs(query.value(first + 4)),
                          QByteArray::fromBase64(query.value(first + 5).toString().toLatin1())};
}

const QString auditColumns = QStringLiteral(
    "seq, at, actor, actor_role, tenant_id, operation, request_id, details, prev_hash, hash, tenant_seq");

QString sortColumn(RequestQuery::SortKey key)
{
    switch (key) {
    case RequestQuery::SortKey::Reference:
        return QStringLiteral("reference");
    case RequestQuery::SortKey::Created:
        return QStringLiteral("created_at");
    case RequestQuery::SortKey::Reason:
        return QStringLiteral("reason");
    case RequestQuery::SortKey::Workload:
        return QStringLiteral("workload");
    case RequestQuery::SortKey::Requester:
        return QStringLiteral("requester");
    case RequestQuery::SortKey::Duration:
        return QStringLiteral("duration_minutes");
    case RequestQuery::SortKey::Expires:
        return QStringLiteral("expires_at");
    case RequestQuery::SortKey::State:
        return QStringLiteral("status");
    }
    return QStringLiteral("created_at");
}

// A keyset cursor: the sort value and reference number of the last row of a page, tied to the
// sort it came from.
QString encodeCursor(const RequestQuery& query, const QVariant& value, qint64 refNumber)
{
    const QJsonObject json {{QStringLiteral("k"), int(query.sortKey)},
                            {QStringLiteral("o"), int(query.order)},
                            {QStringLiteral("v"), QJsonValue::fromVariant(value)},
                            {QStringLiteral("n"), refNumber}};
    return QString::fromLatin1(QJsonDocument(json)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool decodeCursor(const QString& cursor, const RequestQuery& query, QVariant* value, qint64* refNumber)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    const QJsonObject json = QJsonDocument::fromJson(*decoded).object();
    if (json.value(QStringLiteral("k")).toInt(-1) != int(query.sortKey)
        || json.value(QStringLiteral("o")).toInt(-1) != int(query.order) || !json.value(QStringLiteral("n")).isDouble()
        || !json.contains(QStringLiteral("v")))
        return false;
    *value = json.value(QStringLiteral("v")).toVariant();
    if (value->typeId() == QMetaType::Double)
        *value = value->toLongLong();
    *refNumber = json.value(QStringLiteral("n")).toInteger();
    return true;
}

// "'Filed', 'Pending'": status keys are fixed identifiers, safe to write into SQL.
QString statusList(const QList<RequestStatus>& statuses)
{
    QStringList keys;
    for (RequestStatus status : statuses)
        keys << QLatin1Char('\'') + requestStatus::key(status) + QLatin1Char('\'');
    return keys.join(QStringLiteral(", "));
}

// Adds an optional time condition ("created_at >= ?") to a query being built.
void addTimeBound(QStringList& where, QVariantList& binds, const QString& condition, const QDateTime& bound)
{
    if (!bound.isValid())
        return;
    where << condition;
    binds << toMs(bound);
}

QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString normalizedPrincipal(const QString& principal)
{
    return principal.trimmed().toLower();
}

} // namespace

// Every write of the repository runs in one, on the repository's connection.
// A write transaction that, once committed, tells the shared AuditChainHead where its audit
// records left the log (they were numbered on the head read under the write lock, so this is
// known for certain): the next decision in one trip then needs no read of it.
class SqlRepository::WriteTransaction : public SqlWriteTransaction
{
public:
    explicit WriteTransaction(SqlRepository& repository)
        : SqlWriteTransaction(repository.m_connection)
        , m_repository(repository)
    {
        m_repository.m_appended.clear();
    }
    ~WriteTransaction() { m_repository.m_appended.clear(); }

    Status commit()
    {
        Status committed = SqlWriteTransaction::commit();
        if (m_repository.m_auditHead && !m_repository.m_appended.isEmpty()) {
            QMutexLocker writing(&m_repository.m_auditHead->writer());
            if (!committed) {
                m_repository.m_auditHead->forget(); // it may have been committed after all
            } else {
                for (const AppendedRecords& appended : std::as_const(m_repository.m_appended))
                    m_repository.m_auditHead->advance(appended.from, appended.tenantId, appended.last);
            }
        }
        m_repository.m_appended.clear();
        return committed;
    }

private:
    SqlRepository& m_repository;
};

SqlRepository::SqlRepository(QString databaseName, std::shared_ptr<const Clock> clock)
    : m_connection(databaseName)
    , m_db(m_connection.database())
    , m_clock(std::move(clock))
{ }

SqlRepository::~SqlRepository() = default;

Error SqlRepository::sqlError(const QString& what, const QSqlQuery& query)
{
    return m_connection.failure(what, query.lastError());
}

Error SqlRepository::notFound(const QString& idOrReference)
{
    return Error(Error::Code::NotFound,
                 tr("There is no request %1 in your organisation.").arg(idOrReference.trimmed()));
}

Error SqlRepository::sqlError(const QString& what)
{
    return m_connection.failure(what, m_db.lastError());
}

Status SqlRepository::open()
{
    if (Status opened = m_connection.open(); !opened)
        return opened;
    return SchemaMigrations::migrate(m_db);
}

Result<Actor> SqlRepository::resolveRole(const Actor& actor)
{
    Actor resolved {normalizedPrincipal(actor.principal), actor.tenantId, Role::None};
    QSqlQuery& query
        = prepared(QStringLiteral("SELECT role FROM role_assignments WHERE tenant_id = ? AND principal = ?"));
    query.addBindValue(resolved.tenantId);
    query.addBindValue(resolved.principal);
    if (!query.exec())
        return sqlError(tr("Looking up %1's role").arg(resolved.principal), query);
    if (query.next())
        resolved.role = roles::fromKey(query.value(0).toString());
    return resolved;
}

Result<Actor> SqlRepository::resolveFor(const Actor& actor, Action action, const QString& tenantId)
{
    Result<Actor> resolved = resolveRole(actor);
    if (!resolved)
        return resolved;
    if (Status allowed = Lifecycle::permits(*resolved, action, tenantId); !allowed)
        return allowed.error();
    return resolved;
}

Result<Actor> SqlRepository::resolveActor(const Actor& actor)
{
    Result<Actor> resolved = resolveRole(actor);
    if (resolved && resolved->role == Role::None)
        return Error(Error::Code::PermissionDenied,
                     tr("%1 holds no Lockbox role in tenant %2.").arg(resolved->principal, resolved->tenantId));
    return resolved;
}

Result<Actor> SqlRepository::signIn(const Actor& actor, ChangeSet* changes)
{
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    Result<Actor> who = resolveRole(actor);
    if (!who)
        return who.error();
    // Only a tenant that exists has a log to write the attempt into.
    const bool knownTenant = who->tenantId == operatorTenantId || loadSettings(who->tenantId).isOk();
    const bool allowed = who->role != Role::None;
    if (knownTenant) {
        const AuditEvent event {
            allowed ? AuditOperation::SignIn : AuditOperation::SignInFailed,
            {},
            {{QStringLiteral("principal"), who->principal}, {QStringLiteral("client"), QStringLiteral("local store")}}};
        if (Status written = appendAudit(*who, who->tenantId, event); !written)
            return written.error();
        if (Status committed = transaction.commit(); !committed)
            return committed.error();
        *changes = ChangeSet {who->tenantId, {}, false, false, true};
    }
    if (!allowed)
        return Error(
            Error::Code::PermissionDenied,
            tr("%1 holds no Lockbox role in tenant %2, so cannot sign in there.").arg(who->principal, who->tenantId));
    return who;
}

Result<std::optional<AccessRequest>> SqlRepository::loadRequest(const QString& idOrReference,
                                                                bool withDecisions,
                                                                const QString& keyFingerprint,
                                                                std::optional<RegisteredKey>* key)
{
    // With its decisions (and the signing key asked for) in one read: a row per decision, in
    // order, or one with none.
    const bool withKey = withDecisions && key != nullptr;
    constexpr int keyAt = requestColumnCount + decisionColumnCount;
    QSqlQuery& query = prepared(
        withDecisions
            ? QStringLiteral("SELECT %1, %2%3 FROM requests r LEFT JOIN decisions d ON d.request_id = r.id%4 "
                             "WHERE r.id = ? OR r.reference = ? ORDER BY r.ref_number, d.seq")
                  .arg(qualified(requestColumns, QStringLiteral("r")),
                       qualified(decisionColumns, QStringLiteral("d")),
                       withKey ? QStringLiteral(", ") + qualified(signingKeyColumns, QStringLiteral("k")) : QString(),
                       withKey ? QStringLiteral(" LEFT JOIN signing_keys k ON k.fingerprint = ?") : QString())
            : QStringLiteral("SELECT %1 FROM requests WHERE id = ? OR reference = ?").arg(requestColumns));
    if (withKey)
        query.addBindValue(keyFingerprint);
    query.addBindValue(idOrReference);
    query.addBindValue(idOrReference.toUpper());
    if (!query.exec())
        return sqlError(tr("Reading request %1").arg(idOrReference), query);
    if (!query.next())
        return std::optional<AccessRequest>();
    AccessRequest request = readRequest(query);
    if (!withDecisions)
        return std::optional<AccessRequest>(request);
    if (withKey) {
        key->reset();
        if (!query.value(keyAt).isNull()) {
            *key = readSigningKey(query, keyAt);
            judgeKey(**key);
        }
    }
    do {
        if (!query.value(requestColumnCount).isNull())
            request.decisions.append(readDecision(query, requestColumnCount));
    } while (query.next() && query.value(0).toString() == request.id);
    query.finish();
    return std::optional<AccessRequest>(request);
}

Result<TenantSettings> SqlRepository::loadSettings(const QString& tenantId)
{
    QSqlQuery& query
        = prepared(QStringLiteral("SELECT display_name, require_approval, approvals_required, changed_by, changed_at, "
                                  "backup_approvers, escalation_lead_minutes FROM tenants WHERE id = ?"));
    query.addBindValue(tenantId);
    if (!query.exec())
        return sqlError(tr("Reading the settings of %1").arg(tenantId), query);
    if (!query.next())
        return Error(Error::Code::NotFound, tr("There is no tenant %1 in this store.").arg(tenantId));
    TenantSettings settings;
    settings.tenantId = tenantId;
    settings.displayName = query.value(0).toString();
    settings.requireApproval = query.value(1).toInt() != 0;
    settings.approvalsRequired = query.value(2).toInt();
    settings.changedBy = query.value(3).toString();
    settings.changedAt = fromMs(query.value(4));
    settings.backupApprovers = query.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    settings.escalationLeadMinutes = query.value(6).toInt();
    return settings;
}

Result<QList<RoleAssignment>> SqlRepository::loadRoles(const QString& tenantId)
{
    QSqlQuery& query = prepared(
        QStringLiteral("SELECT principal, display_name, role, assigned_by, assigned_at FROM role_assignments "
                       "WHERE tenant_id = ? ORDER BY principal"));
    query.addBindValue(tenantId);
    if (!query.exec())
        return sqlError(tr("Reading the roles of %1").arg(tenantId), query);
    QList<RoleAssignment> assignments;
    while (query.next())
        assignments.append(RoleAssignment {tenantId,
                                           query.value(0).toString(),
                                           query.value(1).toString(),
                                           roles::fromKey(query.value(2).toString()),
                                           query.value(3).toString(),
                                           fromMs(query.value(4))});
    return assignments;
}

Status SqlRepository::appendAudit(const Actor& actor, const QString& tenantId, const AuditEvent& event)
{
    return appendAudit(actor, tenantId, QList<AuditEvent> {event});
}

Status SqlRepository::appendAudit(const Actor& actor, const QString& tenantId, const QList<AuditEvent>& events)
{
    if (events.isEmpty())
        return Status::success();
    // The write transaction holds the database's write lock, so nobody appends in between.
    Result<AuditChainHead::Link> head = readAuditHead(tenantId);
    if (!head)
        return head.error();
    const QList<AuditRecord> records = chainRecords(actor, tenantId, events, *head, now());
    const SqlStatement insert = auditInsert(records);
    QSqlQuery& query = prepared(insert.sql);
    if (!execute(query, insert))
        return sqlError(tr("Writing the audit log"), query);
    m_appended.append(AppendedRecords {head->seq, tenantId, linkTo(records.last())});
    return Status::success();
}

Result<AuditChainHead::Link> SqlRepository::readAuditHead(const QString& tenantId)
{
    // The whole log's order, and the tenant's own chain.
    QSqlQuery& last = prepared(
        QStringLiteral("SELECT (SELECT COALESCE(MAX(seq), 0) FROM audit), "
                       "(SELECT tenant_seq FROM audit WHERE tenant_id = ? ORDER BY tenant_seq DESC LIMIT 1), "
                       "(SELECT hash FROM audit WHERE tenant_id = ? ORDER BY tenant_seq DESC LIMIT 1)"));
    last.addBindValue(text(tenantId));
    last.addBindValue(text(tenantId));
    if (!last.exec() || !last.next())
        return sqlError(tr("Reading the audit log"), last);
    AuditChainHead::Link head;
    head.seq = last.value(0).toLongLong();
    const bool first = last.value(1).isNull();
    head.tenantSeq = first ? 0 : last.value(1).toLongLong();
    head.hash = first ? AuditRecord::genesisHash() : last.value(2).toString();
    last.finish();
    return head;
}

QList<AuditRecord> SqlRepository::chainRecords(const Actor& actor,
                                               const QString& tenantId,
                                               const QList<AuditEvent>& events,
                                               const AuditChainHead::Link& head,
                                               const QDateTime& at)
{
    QList<AuditRecord> records;
    QString prevHash = head.hash;
    for (qsizetype i = 0; i < events.size(); ++i) {
        AuditRecord record;
        record.seq = head.seq + 1 + i;
        record.tenantSeq = head.tenantSeq + 1 + i;
        record.prevHash = prevHash;
        record.at = at;
        record.actor = actor.principal;
        record.actorRole = actor.role;
        record.tenantId = tenantId;
        record.operation = events.at(i).operation;
        record.requestId = events.at(i).requestId;
        record.details = events.at(i).details;
        record.hash = record.computeHash();
        prevHash = record.hash;
        records.append(record);
    }
    return records;
}

SqlRepository::SqlStatement SqlRepository::auditInsert(const QList<AuditRecord>& records)
{
    QStringList rows;
    SqlStatement insert;
    for (const AuditRecord& record : records) {
        rows << QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.values << record.seq << toMs(record.at) << text(record.actor) << roles::key(record.actorRole)
                      << text(record.tenantId) << text(record.operation) << text(record.requestId)
                      << QString::fromUtf8(QJsonDocument(record.details).toJson(QJsonDocument::Compact))
                      << text(record.prevHash) << record.hash << record.tenantSeq;
    }
    insert.sql = QStringLiteral("INSERT INTO audit (%1) VALUES %2").arg(auditColumns, rows.join(QStringLiteral(", ")));
    return insert;
}

bool SqlRepository::execute(QSqlQuery& query, const SqlStatement& statement)
{
    for (const QVariant& value : statement.values)
        query.addBindValue(value);
    return query.exec();
}

Status SqlRepository::auditRefusal(
    const Actor& actor, const QString& tenantId, Action action, const QString& requestId, const Error& why)
{
    return appendAudit(actor,
                       tenantId,
                       AuditEvent {AuditOperation::ActionRefused,
                                   requestId,
                                   {{QStringLiteral("action"), actions::key(action)},
                                    {QStringLiteral("code"), why.codeName()},
                                    {QStringLiteral("message"), why.message()}}});
}

Error SqlRepository::refuseTenantChange(
    WriteTransaction& transaction, const Actor& who, Action action, const Error& why, ChangeSet* changes)
{
    // A form mistake (bad input) is not an attempt worth a record; anything else the rules
    // refused is kept in the actor's own log.
    if (why.code() == Error::Code::InvalidInput)
        return why;
    if (Status audited = auditRefusal(who, who.tenantId, action, {}, why); !audited)
        return audited.error();
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    *changes = ChangeSet {who.tenantId, {}, false, false, true};
    return why;
}

Status SqlRepository::saveRole(const RoleAssignment& assignment, const QString& assignedBy)
{
    QSqlQuery& write = prepared(QStringLiteral(
        "INSERT INTO role_assignments (tenant_id, principal, display_name, role, assigned_by, assigned_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, principal) DO UPDATE SET role = excluded.role, "
        "display_name = excluded.display_name, assigned_by = excluded.assigned_by, assigned_at = "
        "excluded.assigned_at"));
    write.addBindValue(assignment.tenantId);
    write.addBindValue(assignment.principal);
    write.addBindValue(assignment.displayName.trimmed().isEmpty() ? assignment.principal
                                                                  : assignment.displayName.trimmed());
    write.addBindValue(roles::key(assignment.role));
    write.addBindValue(assignedBy);
    write.addBindValue(toMs(now()));
    if (!write.exec())
        return sqlError(tr("Saving the role of %1").arg(assignment.principal), write);
    return Status::success();
}

Status SqlRepository::insertRequest(const AccessRequest& request, qint64 refNumber)
{
    QSqlQuery& insert = prepared(
        QStringLiteral("INSERT INTO requests (ref_number, %1) VALUES (?, %2)")
            .arg(requestColumns, QStringList(requestColumnCount, QStringLiteral("?")).join(QStringLiteral(", "))));
    insert.addBindValue(refNumber);
    insert.addBindValue(request.id);
    insert.addBindValue(text(request.reference));
    insert.addBindValue(text(request.serviceRequest));
    insert.addBindValue(request.tenantId);
    insert.addBindValue(workloads::key(request.workload));
    insert.addBindValue(text(request.requester));
    insert.addBindValue(text(request.reason));
    insert.addBindValue(text(request.scope));
    insert.addBindValue(request.durationMinutes);
    insert.addBindValue(toMs(request.created));
    insert.addBindValue(toMs(request.expires));
    insert.addBindValue(requestStatus::key(request.status));
    insert.addBindValue(request.approvalsRequired);
    insert.addBindValue(request.approvalsCount);
    insert.addBindValue(text(request.manager));
    insert.addBindValue(toMs(request.managerDecidedAt));
    insert.addBindValue(text(request.decidedBy));
    insert.addBindValue(toMs(request.decidedAt));
    insert.addBindValue(text(request.decisionComment));
    insert.addBindValue(toMs(request.accessFrom));
    insert.addBindValue(toMs(request.accessUntil));
    insert.addBindValue(request.version);
    insert.addBindValue(request.informationRequested ? 1 : 0);
    insert.addBindValue(toMs(request.escalateAt));
    insert.addBindValue(toMs(request.escalatedAt));
    if (!insert.exec())
        return sqlError(tr("Saving request %1").arg(request.reference), insert);
    return Status::success();
}

SqlRepository::SqlStatement
SqlRepository::requestUpdate(const Actor& actor, const AccessRequest& request, int expectedVersion, RoleCheck roleCheck)
{
    const QString roleStillHeld = roleCheck == RoleCheck::StillHeld
        ? QStringLiteral(" AND EXISTS (SELECT 1 FROM role_assignments WHERE tenant_id = ? AND principal = ? AND "
                         "role = ?)")
        : QString();
    SqlStatement update;
    update.sql = QStringLiteral(
                     "UPDATE requests SET status = ?, approvals_required = ?, approvals_count = ?, manager = ?, "
                     "manager_decided_at = ?, decided_by = ?, decided_at = ?, decision_comment = ?, access_from = ?, "
                     "access_until = ?, information_requested = ?, escalate_at = ?, escalated_at = ?, "
                     "version = version + 1 WHERE id = ? AND version = ?%1")
                     .arg(roleStillHeld);
    update.values << requestStatus::key(request.status) << request.approvalsRequired << request.approvalsCount
                  << text(request.manager) << toMs(request.managerDecidedAt) << text(request.decidedBy)
                  << toMs(request.decidedAt) << text(request.decisionComment) << toMs(request.accessFrom)
                  << toMs(request.accessUntil) << (request.informationRequested ? 1 : 0) << toMs(request.escalateAt)
                  << toMs(request.escalatedAt) << request.id << expectedVersion;
    if (roleCheck == RoleCheck::StillHeld)
        update.values << actor.tenantId << actor.principal << roles::key(actor.role);
    return update;
}

SqlRepository::SqlStatement SqlRepository::decisionInsert(const QString& requestId, const Decision& decision)
{
    SqlStatement insert;
    insert.sql = QStringLiteral("INSERT INTO decisions (request_id, seq, %1) "
                                "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM decisions "
                                "WHERE request_id = ?")
                     .arg(decisionColumns);
    insert.values << requestId << Decision::kindKey(decision.kind) << text(decision.actor)
                  << roles::key(decision.actorRole) << toMs(decision.at) << text(decision.comment)
                  << text(decision.signingKey) << toMs(decision.signedAt)
                  << QString::fromLatin1(decision.signature.toBase64()) << requestId;
    return insert;
}

Status SqlRepository::writeTransition(
    const Actor& actor, const RequestTransition& transition, int expectedVersion, bool* lost, RoleCheck roleCheck)
{
    const AccessRequest& request = transition.request;
    const SqlStatement updateStatement = requestUpdate(actor, request, expectedVersion, roleCheck);
    QSqlQuery& update = prepared(updateStatement.sql);
    if (!execute(update, updateStatement))
        return sqlError(tr("Updating request %1").arg(request.reference), update);
    *lost = update.numRowsAffected() != 1;
    if (*lost)
        return Status::success();

    for (const Decision& decision : transition.decisions) {
        const SqlStatement insertStatement = decisionInsert(request.id, decision);
        QSqlQuery& insert = prepared(insertStatement.sql);
        if (!execute(insert, insertStatement))
            return sqlError(tr("Recording the decision on %1").arg(request.reference), insert);
    }
    return appendAudit(actor, request.tenantId, transition.events);
}

bool SqlRepository::writeGroup(const QList<GroupCommit::Write*>& group)
{
    if (!m_auditHead || !isServer())
        return false;
    // Each judged at its `at`, and written within the lock's wait from now: one judged too long
    // ago, or on a request that may fall due before it is written, goes the whole way.
    auto recent = [this](const QList<GroupCommit::Write*>& writes) {
        const QDateTime sending = now();
        QList<GroupCommit::Write*> kept;
        for (GroupCommit::Write* write : writes) {
            if (write->at.msecsTo(sending) <= maxJudgedAgeMs
                && !Lifecycle::due(write->current, sending.addMSecs(2 * maxJudgedAgeMs)))
                kept.append(write);
        }
        return kept;
    };
    const QList<GroupCommit::Write*> together = recent(group);
    if (together.isEmpty())
        return false;
    const GroupWrite outcome = writeTogether(together);
    if (outcome != GroupWrite::Lost || together.size() == 1)
        return outcome == GroupWrite::Written;
    // One of them lost its race (or the head was stale): the others need not go the whole way
    // for it. Anything else (the lock not coming, the connection gone) would fail them alike.
    for (GroupCommit::Write* write : together) {
        const QList<GroupCommit::Write*> alone = recent({write});
        if (alone.isEmpty())
            continue;
        if (const GroupWrite single = writeTogether(alone);
            single == GroupWrite::Failed || single == GroupWrite::Unknown)
            break;
    }
    return false;
}

SqlRepository::GroupWrite SqlRepository::writeTogether(const QList<GroupCommit::Write*>& writes)
{
    const QString tenantId = writes.first()->current.tenantId;
    std::optional<AuditChainHead::Link> head;
    {
        QMutexLocker hint(&m_auditHead->writer());
        head = m_auditHead->forTenant(tenantId);
    }
    if (!head) {
        // Read outside the write lock, so only a hint too: checked like the remembered one.
        Result<AuditChainHead::Link> read = readAuditHead(tenantId);
        if (!read)
            return GroupWrite::Failed;
        head = *read;
    }
    // One statement makes every write or, failing, none: a division by zero when an update found
    // its request changed or the role gone, or when the log no longer ends where the head says
    // (another writer appended, or records were removed).
    QStringList parts {QStringLiteral("head AS (SELECT 1 WHERE (SELECT COALESCE(MAX(seq), 0) FROM audit) = ? AND "
                                      "COALESCE((SELECT tenant_seq FROM audit WHERE tenant_id = ? ORDER BY "
                                      "tenant_seq DESC LIMIT 1), 0) = ?)")};
    QStringList updated {QStringLiteral("(SELECT COUNT(*) FROM head)")};
    SqlStatement statement;
    statement.values << head->seq << tenantId << head->tenantSeq;
    QList<AuditRecord> records;
    AuditChainHead::Link last = *head;
    for (qsizetype i = 0; i < writes.size(); ++i) {
        const GroupCommit::Write& write = *writes.at(i);
        const AccessRequest& request = write.transition.request;
        const SqlStatement update = requestUpdate(write.actor, request, write.current.version, RoleCheck::StillHeld);
        const SqlStatement decision = decisionInsert(request.id, write.transition.decisions.first());
        parts << QStringLiteral("updated%1 AS (%2 RETURNING 1)").arg(i).arg(update.sql)
              << QStringLiteral("decided%1 AS (%2)").arg(i).arg(decision.sql);
        updated << QStringLiteral("(SELECT COUNT(*) FROM updated%1)").arg(i);
        statement.values << update.values << decision.values;
        const QList<AuditRecord> chained = chainRecords(write.actor, tenantId, write.transition.events, last, write.at);
        records << chained;
        last = linkTo(chained.last());
    }
    const SqlStatement audit = auditInsert(records);
    parts << QStringLiteral("audited AS (%1)").arg(audit.sql);
    statement.values << audit.values;
    statement.sql = QStringLiteral("WITH %1 SELECT 1 / (%2)::integer")
                        .arg(parts.join(QStringLiteral(", ")), updated.join(QStringLiteral(" * ")));
    Result<QString> execute = m_connection.serverExecute(numberedPlaceholders(statement.sql), statement.values);
    if (!execute) {
        qWarning("%s", qUtf8Printable(execute.error().message()));
        return GroupWrite::Failed;
    }
    // The lock, the writes and the commit in one round trip, so the lock is held for as long as
    // the server takes to write and no longer. The lock waits a second at most (writeGroup sends
    // only decisions that may wait so long and still be written as judged).
    QStringList trip = m_connection.dialect().beginWrite(maxJudgedAgeMs);
    trip << *execute << QStringLiteral("COMMIT");
    m_connection.finishStatements();
    QSqlQuery query(m_db);
    if (!m_connection.execAll(query, trip)) {
        const QSqlError why = query.lastError();
        query.finish();
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        {
            QMutexLocker hint(&m_auditHead->writer());
            m_auditHead->forget();
        }
        // A connection lost on the way may have committed: nobody can say. A division by zero
        // is a race lost or a stale head; a unique key taken is an approver approving twice at
        // once. A lock that did not come within the second fails them all alike; anything else
        // is a fault worth a line in the service's log.
        const Error failed = m_connection.failure(tr("Writing the decision"), why);
        if (failed.code() == Error::Code::Unavailable) {
            for (GroupCommit::Write* write : writes)
                write->outcomeUnknown = true;
            return GroupWrite::Unknown;
        }
        const QString state = why.nativeErrorCode();
        if (state == QLatin1String("22012") || state == QLatin1String("23505"))
            return GroupWrite::Lost;
        if (state != QLatin1String("55P03"))
            qWarning("%s", qUtf8Printable(failed.message()));
        return GroupWrite::Failed;
    }
    {
        QMutexLocker hint(&m_auditHead->writer());
        m_auditHead->advance(head->seq, tenantId, last);
    }
    for (GroupCommit::Write* write : writes)
        write->written = true;
    return GroupWrite::Written;
}

Result<std::optional<QDateTime>> SqlRepository::nextDueAt()
{
    // One index lookup per status ((status, expires_at) and (status, access_until)) rather than
    // one scan over every waiting request.
    QStringList parts;
    for (RequestStatus status : Lifecycle::awaitingDecisionStatuses())
        parts << QStringLiteral("SELECT MIN(expires_at) AS due FROM requests WHERE status = '%1'")
                     .arg(requestStatus::key(status));
    parts << QStringLiteral("SELECT MIN(access_until) AS due FROM requests WHERE status = 'Approved'");
    parts << QStringLiteral(
        "SELECT MIN(escalate_at) AS due FROM requests WHERE status = 'Pending' AND escalated_at IS NULL");
    QSqlQuery& query = prepared(
        QStringLiteral("SELECT MIN(due) FROM (%1) AS next_due").arg(parts.join(QStringLiteral(" UNION ALL "))));
    if (!query.exec())
        return sqlError(tr("Looking for requests that expire"), query);
    if (!query.next() || query.value(0).isNull())
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(fromMs(query.value(0)));
}

Result<int> SqlRepository::applyDue(const QDateTime& at, const QString& onlyRequestId, QList<ChangeSet>* changes)
{
    QString sql = QStringLiteral("SELECT %1 FROM requests WHERE ((status IN (%2) AND expires_at <= ?) "
                                 "OR (status = 'Approved' AND access_until <= ?) "
                                 "OR (status = 'Pending' AND escalated_at IS NULL AND escalate_at <= ?))")
                      .arg(requestColumns, statusList(Lifecycle::awaitingDecisionStatuses()));
    if (!onlyRequestId.isEmpty())
        sql += QStringLiteral(" AND id = ?");
    QSqlQuery& query = prepared(sql);
    query.addBindValue(toMs(at));
    query.addBindValue(toMs(at));
    query.addBindValue(toMs(at));
    if (!onlyRequestId.isEmpty())
        query.addBindValue(onlyRequestId);
    if (!query.exec())
        return sqlError(tr("Looking for expired requests"), query);
    QList<AccessRequest> due;
    while (query.next())
        due.append(readRequest(query));
    query.finish();

    int applied = 0;
    for (const AccessRequest& request : std::as_const(due)) {
        std::optional<RequestTransition> transition = Lifecycle::due(request, at);
        if (!transition)
            continue;
        bool lost = false;
        if (Status written = writeTransition(Actor::system(request.tenantId), *transition, request.version, &lost);
            !written)
            return written.error();
        if (lost)
            continue;
        ++applied;
        if (changes)
            changes->append(ChangeSet {request.tenantId, {request.id}, false, false, true});
    }
    return applied;
}

Result<int> SqlRepository::applyDueTransitions(QList<ChangeSet>* changes, std::optional<QDateTime>* nextDue)
{
    const QDateTime at = now();
    Result<std::optional<QDateTime>> next = nextDueAt();
    if (!next)
        return next.error();
    if (!next->has_value() || **next > at) {
        if (nextDue)
            *nextDue = *next;
        return 0;
    }
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    Result<int> applied = applyDue(at, {}, changes);
    if (!applied)
        return applied;
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    if (nextDue) {
        next = nextDueAt();
        if (!next)
            return next.error();
        *nextDue = *next;
    }
    return applied;
}

Result<Page<AccessRequest>> SqlRepository::listRequests(const Actor& actor, const RequestQuery& query)
{
    Result<Actor> who = resolveFor(actor, Action::ViewRequests, actor.tenantId);
    if (!who)
        return who.error();
    if (query.limit < 1 || query.limit > RequestQuery::maxLimit)
        return Error(
            Error::Code::InvalidInput,
            tr("A page holds 1 to %1 requests; %2 was asked for.").arg(RequestQuery::maxLimit).arg(query.limit));
    if (query.search.size() > 200)
        return Error(Error::Code::InvalidInput, tr("The search text is too long (at most 200 characters)."));

    QStringList where;
    QVariantList binds;
    if (roles::isCustomerRole(who->role)) {
        where << QStringLiteral("tenant_id = ?");
        binds << who->tenantId;
    } else if (who->role == Role::SupportEngineer) {
        where << QStringLiteral("requester = ?");
        binds << who->principal;
    }
    if (!query.statuses.isEmpty()) {
        QStringList marks;
        for (RequestStatus status : query.statuses) {
            marks << QStringLiteral("?");
            binds << requestStatus::key(status);
        }
        where << QStringLiteral("status IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    const QString search = query.search.trimmed();
    static const QRegularExpression referencePrefix(QStringLiteral("^[A-Za-z]{4}[0-9]+$"));
    if (referencePrefix.match(search).hasMatch()) {
        // A reference (or its start): a range on the reference index instead of a scan.
        where << QStringLiteral("%1 >= ? AND %1 < ?").arg(m_connection.dialect().bytewise(QStringLiteral("reference")));
        binds << search.toUpper() << search.toUpper() + QChar(0xFFFF);
    } else if (!search.isEmpty()) {
        QStringList matches;
        for (const QString& column : {QStringLiteral("reference"),
                                      QStringLiteral("service_request"),
                                      QStringLiteral("reason"),
                                      QStringLiteral("requester"),
                                      QStringLiteral("scope")}) {
            matches << QStringLiteral("%1 %2 ? ESCAPE '\\'").arg(column, m_connection.dialect().likeIgnoringCase());
            binds << likePattern(search);
        }
        where << QLatin1Char('(') + matches.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    addTimeBound(where, binds, QStringLiteral("created_at >= ?"), query.createdFrom);
    addTimeBound(where, binds, QStringLiteral("created_at < ?"), query.createdTo);
    addTimeBound(where, binds, QStringLiteral("expires_at <= ?"), query.expiresBefore);
    addTimeBound(where, binds, QStringLiteral("decided_at >= ?"), query.decidedFrom);
    const QString column = sortColumn(query.sortKey);
    const bool descending = query.order == Qt::DescendingOrder;
    if (!query.cursor.isEmpty()) {
        QVariant value;
        qint64 refNumber = 0;
        if (!decodeCursor(query.cursor, query, &value, &refNumber))
            return Error(Error::Code::InvalidInput,
                         tr("The page cursor is not valid for this list; start again from the first page."));
        where << QStringLiteral("(%1, ref_number) %2 (?, ?)")
                     .arg(column, descending ? QStringLiteral("<") : QStringLiteral(">"));
        binds << value << refNumber;
    }
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QString sql = QStringLiteral("SELECT %1, %2, ref_number FROM requests").arg(requestColumns, column);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY %1 %2, ref_number %2 LIMIT %3").arg(column, direction).arg(query.limit + 1);

    QSqlQuery& select = prepared(sql);
    for (const QVariant& value : std::as_const(binds))
        select.addBindValue(value);
    if (!select.exec())
        return sqlError(tr("Listing requests"), select);
    Page<AccessRequest> page;
    QVariant lastValue;
    qint64 lastRefNumber = 0;
    while (select.next()) {
        if (page.items.size() == query.limit) {
            page.nextCursor = encodeCursor(query, lastValue, lastRefNumber);
            break;
        }
        page.items.append(readRequest(select));
        lastValue = select.value(requestColumnCount);
        lastRefNumber = select.value(requestColumnCount + 1).toLongLong();
    }
    select.finish();

    // Who has approved a pending row already, so that the row can tell whether you still may.
    QHash<QString, qsizetype> partlyApproved;
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        if (page.items.at(i).status == RequestStatus::Pending && page.items.at(i).approvalsCount > 0)
            partlyApproved.insert(page.items.at(i).id, i);
    }
    if (!partlyApproved.isEmpty()) {
        QSqlQuery& approvals = prepared(
            QStringLiteral("SELECT request_id, %1 FROM decisions "
                           "WHERE kind = 'Approve' AND request_id IN (%2) ORDER BY seq")
                .arg(decisionColumns, QStringList(partlyApproved.size(), QStringLiteral("?")).join(QLatin1Char(','))));
        for (auto it = partlyApproved.cbegin(); it != partlyApproved.cend(); ++it)
            approvals.addBindValue(it.key());
        if (!approvals.exec())
            return sqlError(tr("Reading approvals"), approvals);
        while (approvals.next())
            page.items[partlyApproved.value(approvals.value(0).toString())].decisions.append(
                readDecision(approvals, 1));
    }
    return page;
}

Result<AccessRequest> SqlRepository::request(const Actor& actor, const QString& idOrReference)
{
    Result<Actor> who = resolveRole(actor);
    if (!who)
        return who.error();
    Result<std::optional<AccessRequest>> loaded = loadRequest(idOrReference.trimmed(), true);
    if (!loaded)
        return loaded.error();
    if (Status allowed = Lifecycle::permits(*who, Action::ViewRequests, who->tenantId); !allowed)
        return allowed.error();
    // Missing and not yours read the same, so that nothing about other tenants leaks.
    if (!loaded->has_value() || !Lifecycle::isVisibleTo(*who, **loaded))
        return notFound(idOrReference);
    return **loaded;
}

Result<RequestSummary> SqlRepository::summary(const Actor& actor)
{
    Result<Actor> who = resolveFor(actor, Action::ViewRequests, actor.tenantId);
    if (!who)
        return who.error();
    const QDateTime at = now();
    const QDateTime midnight(at.date(), QTime(0, 0), Qt::UTC);
    QSqlQuery& query = prepared(
        QStringLiteral(
            "SELECT "
            " (SELECT COUNT(*) FROM requests WHERE tenant_id = ? AND status = 'Pending' AND expires_at > ?),"
            " (SELECT COUNT(*) FROM requests WHERE tenant_id = ? AND status = 'Pending' AND expires_at > ? "
            "    AND expires_at <= ?),"
            " (SELECT COUNT(*) FROM requests WHERE tenant_id = ? AND decided_at >= ? AND status IN (%1)),"
            " (SELECT COUNT(*) FROM requests WHERE tenant_id = ? AND status = 'Approved' AND access_until > ?)")
            .arg(statusList(Lifecycle::decidedStatuses())));
    query.addBindValue(who->tenantId);
    query.addBindValue(toMs(at));
    query.addBindValue(who->tenantId);
    query.addBindValue(toMs(at));
    query.addBindValue(toMs(at.addSecs(Lifecycle::expiryWarningSeconds)));
    query.addBindValue(who->tenantId);
    query.addBindValue(toMs(midnight));
    query.addBindValue(who->tenantId);
    query.addBindValue(toMs(at));
    if (!query.exec() || !query.next())
        return sqlError(tr("Counting requests"), query);
    return RequestSummary {
        query.value(0).toInt(), query.value(1).toInt(), query.value(2).toInt(), query.value(3).toInt()};
}

Result<AccessRequest> SqlRepository::fileRequest(const Actor& actor, const NewRequest& wanted, ChangeSet* changes)
{
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    Result<Actor> who = resolveRole(actor);
    if (!who)
        return who.error();
    if (Status allowed = Lifecycle::permits(*who, Action::File, wanted.tenantId); allowed) {
        if (Result<TenantSettings> tenant = loadSettings(wanted.tenantId); !tenant)
            return tenant.error();
    }
    QSqlQuery next(m_db);
    if (!next.exec(QStringLiteral("SELECT COALESCE(MAX(ref_number), 0) FROM requests")) || !next.next())
        return sqlError(tr("Numbering the request"), next);
    const qint64 refNumber = std::max(next.value(0).toLongLong() + 1, firstReferenceNumber);
    const QString reference = workloads::referencePrefix(wanted.workload) + QString::number(refNumber);

    Result<RequestTransition> transition
        = Lifecycle::file(*who, wanted, QUuid::createUuid().toString(QUuid::WithoutBraces), reference, now());
    if (!transition) {
        if (transition.error().code() != Error::Code::InvalidInput) {
            if (Status audited = auditRefusal(*who, who->tenantId, Action::File, {}, transition.error()); !audited)
                return audited.error();
            if (Status committed = transaction.commit(); !committed)
                return committed.error();
            *changes = ChangeSet {who->tenantId, {}, false, false, true};
        }
        return transition.error();
    }
    if (Status inserted = insertRequest(transition->request, refNumber); !inserted)
        return inserted.error();
    for (const AuditEvent& event : transition->events) {
        if (Status written = appendAudit(*who, wanted.tenantId, event); !written)
            return written.error();
    }
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    *changes = ChangeSet {wanted.tenantId, {transition->request.id}, false, false, true};
    return transition->request;
}

Status SqlRepository::signTransition(const Actor& who,
                                     const AccessRequest& current,
                                     Action action,
                                     const DecisionSignature& signature,
                                     const QDateTime& at,
                                     RequestTransition* change,
                                     const std::optional<RegisteredKey>* knownKey)
{
    if (!DecisionStatement::isSigned(action))
        return Status::success();
    if (signature.isEmpty())
        return Error(Error::Code::InvalidInput,
                     tr("Decisions are signed by the approver who takes them, and this one is not: decide in the Admin "
                        "Center, or with 'lockboxctl %1 --key FILE' (your key from 'lockboxctl key create FILE'). "
                        "A call to the API carries it in the body's \"signature\" field ('lockboxctl key sign' makes "
                        "it).")
                         .arg(actions::key(action).toLower()));
    Result<std::optional<RegisteredKey>> key
        = knownKey ? Result<std::optional<RegisteredKey>>(*knownKey) : loadSigningKey(signature.keyFingerprint);
    if (!key)
        return key.error();
    if (Status valid = Lifecycle::checkSignature(current, action, who, signature, *key, at); !valid)
        return valid;
    for (Decision& decision : change->decisions) {
        if (decision.actor == who.principal && decision.at == at) {
            decision.signingKey = signature.keyFingerprint;
            decision.signedAt = signature.signedAt;
            decision.signature = signature.value;
        }
    }
    if (!change->events.isEmpty()) {
        QJsonObject& details = change->events.first().details;
        details.insert(QStringLiteral("signingKey"), signature.keyFingerprint);
        details.insert(QStringLiteral("signedAt"), signature.signedAt.toString(Qt::ISODateWithMs));
        details.insert(QStringLiteral("signature"), QString::fromLatin1(signature.value.toBase64()));
    }
    return Status::success();
}

std::optional<GroupCommit::Write> SqlRepository::judgeUncontended(const Actor& actor,
                                                                  const QString& requestId,
                                                                  Action action,
                                                                  const QString& comment,
                                                                  const DecisionSignature& signature)
{
    // Only the approvers' decisions: they are judged on the request alone (the approvals needed
    // were fixed when it reached the customer), not on tenant settings that may change meanwhile.
    if (!DecisionStatement::isSigned(action))
        return std::nullopt;
    // Read committed state, outside any transaction: the conditional write notices a request (or
    // a role) that changed since.
    const QDateTime at = now();
    // The role the caller names (lockboxd's session check read it just now), not read again: the
    // write holds only while the actor holds that role, so a wrong one goes the whole way.
    const Actor who {normalizedPrincipal(actor.principal), actor.tenantId, actor.role};
    if (who.role == Role::None || !Lifecycle::permits(who, action, who.tenantId))
        return std::nullopt;
    std::optional<RegisteredKey> key;
    Result<std::optional<AccessRequest>> loaded = loadRequest(requestId, true, signature.keyFingerprint, &key);
    if (!loaded || !loaded->has_value() || !Lifecycle::isVisibleTo(who, **loaded))
        return std::nullopt;
    const AccessRequest& current = **loaded;
    if (Lifecycle::due(current, at))
        return std::nullopt;
    TenantSettings unused;
    unused.tenantId = current.tenantId;
    Result<RequestTransition> transition = Lifecycle::apply(who, action, current, unused, at, comment);
    if (!transition || transition->decisions.size() != 1 || transition->events.isEmpty())
        return std::nullopt;
    GroupCommit::Write write {who, requestId, action, comment, signature, current, *transition, at};
    if (!signTransition(who, current, action, signature, at, &write.transition, &key))
        return std::nullopt;
    return write;
}

Error SqlRepository::unknownOutcome(const GroupCommit::Write& write) const
{
    return Error(Error::Code::Unavailable,
                 tr("The connection to %1 was lost while your decision on %2 was being written, so it may or may "
                    "not have been recorded: look at the request again before you decide once more.")
                     .arg(m_connection.location(), write.current.reference));
}

AccessRequest SqlRepository::writtenRequest(const GroupCommit::Write& write, ChangeSet* changes)
{
    changes->tenantId = write.current.tenantId;
    changes->requestIds.append(write.current.id);
    changes->audit = true;
    // What was written, without reading it back: the request as the transition left it, one
    // version on, with every decision so far and the new one as stored (signed).
    AccessRequest written = write.transition.request;
    written.version = write.current.version + 1;
    written.decisions = write.current.decisions + write.transition.decisions;
    changes->nextDueKnown = true;
    changes->nextDue = Lifecycle::nextDueAt(written).value_or(QDateTime());
    return written;
}

std::optional<Result<AccessRequest>> SqlRepository::performUncontended(const Actor& actor,
                                                                       const QString& requestId,
                                                                       Action action,
                                                                       const QString& comment,
                                                                       const DecisionSignature& signature,
                                                                       ChangeSet* changes)
{
    std::optional<GroupCommit::Write> write = judgeUncontended(actor, requestId, action, comment, signature);
    if (!write)
        return std::nullopt;
    if (isServer()) {
        writeGroup({&*write});
        if (write->outcomeUnknown)
            return Result<AccessRequest>(unknownOutcome(*write));
        if (!write->written)
            return std::nullopt;
        return Result<AccessRequest>(writtenRequest(*write, changes));
    }
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return Result<AccessRequest>(transaction.error());
    // Judged at `at`: a lock that took long to come (the request may have expired meanwhile)
    // sends the decision the whole way, judged at the time it is written.
    if (const QDateTime locked = now();
        Lifecycle::due(write->current, locked) || write->at.msecsTo(locked) > maxJudgedAgeMs)
        return std::nullopt;
    // Lost when the request changed since it was read, or the actor's role did: the whole way
    // then judges again under the lock.
    bool lost = false;
    if (Status written
        = writeTransition(write->actor, write->transition, write->current.version, &lost, RoleCheck::StillHeld);
        !written)
        return Result<AccessRequest>(written.error());
    if (lost)
        return std::nullopt;
    if (Status committed = transaction.commit(); !committed)
        return Result<AccessRequest>(committed.error());
    return Result<AccessRequest>(writtenRequest(*write, changes));
}

Result<AccessRequest> SqlRepository::perform(const Actor& actor,
                                             const QString& requestId,
                                             Action action,
                                             const QString& comment,
                                             const DecisionSignature& signature,
                                             ChangeSet* changes)
{
    if (std::optional<Result<AccessRequest>> done
        = performUncontended(actor, requestId, action, comment, signature, changes))
        return *done;
    return performLocked(actor, requestId, action, comment, signature, changes);
}

Result<AccessRequest> SqlRepository::performLocked(const Actor& actor,
                                                   const QString& requestId,
                                                   Action action,
                                                   const QString& comment,
                                                   const DecisionSignature& signature,
                                                   ChangeSet* changes)
{
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    Result<Actor> who = resolveRole(actor);
    if (!who)
        return who.error();
    const QDateTime at = now();

    // A refusal is audited in the actor's own log, then committed with whatever else was due.
    auto refuse = [&](const Error& why, const QString& tenantId, const QString& id) -> Result<AccessRequest> {
        if (why.code() != Error::Code::InvalidInput) {
            const QString logTenant
                = roles::isOperatorRole(who->role) && !tenantId.isEmpty() ? tenantId : who->tenantId;
            if (Status audited = auditRefusal(*who, logTenant, action, id, why); !audited)
                return audited.error();
            if (Status committed = transaction.commit(); !committed)
                return committed.error();
            changes->audit = true;
            changes->tenantId = logTenant;
        }
        return why;
    };

    // A role that may never take this action is refused before the request is even looked up.
    if (Status allowed = Lifecycle::permits(*who, action, who->tenantId);
        !allowed && allowed.error().code() == Error::Code::PermissionDenied)
        return refuse(allowed.error(), {}, requestId);
    Result<std::optional<AccessRequest>> loaded = loadRequest(requestId, true);
    if (!loaded)
        return loaded.error();
    // Missing and not yours read the same. The record of the attempt keeps nothing the caller
    // typed: it may be another tenant's request id.
    if (!loaded->has_value() || !Lifecycle::isVisibleTo(*who, **loaded)) {
        if (Status audited = auditRefusal(*who,
                                          who->tenantId,
                                          action,
                                          {},
                                          Error(Error::Code::NotFound, tr("No such request in the organisation.")));
            !audited)
            return audited.error();
        if (Status committed = transaction.commit(); !committed)
            return committed.error();
        changes->audit = true;
        changes->tenantId = who->tenantId;
        return notFound(requestId);
    }
    AccessRequest current = **loaded;

    // Apply what the clock says is due on this request first (expiry, window end), so that the
    // decision is judged against the request's state now, not the one a screen showed.
    QList<ChangeSet> dueChanges;
    Result<int> applied = applyDue(at, current.id, &dueChanges);
    if (!applied)
        return applied.error();
    if (*applied > 0) {
        changes->requestIds.append(current.id);
        Result<std::optional<AccessRequest>> reloaded = loadRequest(current.id, true);
        if (!reloaded || !reloaded->has_value())
            return reloaded ? Error(Error::Code::Internal, tr("Request %1 vanished.").arg(requestId))
                            : reloaded.error();
        current = **reloaded;
    }
    changes->tenantId = current.tenantId;

    Result<TenantSettings> policy = loadSettings(current.tenantId);
    if (!policy)
        return policy.error();
    Result<RequestTransition> transition = Lifecycle::apply(*who, action, current, *policy, at, comment);
    if (!transition)
        return refuse(transition.error(), current.tenantId, current.id);
    RequestTransition change = *transition;
    if (Status signedBy = signTransition(*who, current, action, signature, at, &change); !signedBy)
        return signedBy.error().code() == Error::Code::StorageFailure
                || signedBy.error().code() == Error::Code::Unavailable
            ? signedBy.error()
            : refuse(signedBy.error(), current.tenantId, current.id);

    bool lost = false;
    if (Status written = writeTransition(*who, change, current.version, &lost); !written)
        return written.error();
    if (lost) {
        // Another writer changed the request between our read and our write: judge again
        // against what it wrote, which names the winner.
        Result<std::optional<AccessRequest>> winner = loadRequest(current.id, true);
        if (!winner || !winner->has_value())
            return winner ? Error(Error::Code::Internal, tr("Request %1 vanished.").arg(requestId)) : winner.error();
        Result<RequestTransition> again = Lifecycle::apply(*who, action, **winner, *policy, at, comment);
        return refuse(again
                          ? Error(Error::Code::Conflict,
                                  tr("Request %1 changed while you decided; look at it again.").arg(current.reference))
                          : again.error(),
                      current.tenantId,
                      current.id);
    }
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    changes->requestIds.append(current.id);
    changes->audit = true;

    Result<std::optional<AccessRequest>> after = loadRequest(current.id, true);
    if (!after || !after->has_value())
        return after ? Error(Error::Code::Internal, tr("Request %1 vanished.").arg(requestId)) : after.error();
    return **after;
}

Result<AccessCheck> SqlRepository::checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId)
{
    Result<Actor> who = resolveRole(actor);
    if (!who)
        return who.error();
    if (Status allowed = Lifecycle::permits(*who, Action::CheckAccess, tenantId); !allowed)
        return allowed.error();
    const QDateTime at = now();
    // Every open window, longest first: one that does not hold (a row edited by hand, say) must
    // neither grant access nor hide a genuine one.
    QSqlQuery& query = prepared(
        QStringLiteral("SELECT id FROM requests WHERE requester = ? AND tenant_id = ? AND status = 'Approved' "
                       "AND access_from <= ? AND access_until > ? ORDER BY access_until DESC LIMIT 20"));
    query.addBindValue(normalizedPrincipal(engineer));
    query.addBindValue(tenantId);
    query.addBindValue(toMs(at));
    query.addBindValue(toMs(at));
    if (!query.exec())
        return sqlError(tr("Checking access"), query);
    QStringList open;
    while (query.next())
        open << query.value(0).toString();
    query.finish();
    if (!open.isEmpty()) {
        // Judged with its decisions and the tenant's keys: the approvals' signatures must hold.
        Result<QList<RegisteredKey>> keys = loadKeys(tenantId);
        if (!keys)
            return keys.error();
        std::optional<AccessCheck> firstRefusal;
        for (const QString& id : std::as_const(open)) {
            Result<std::optional<AccessRequest>> request = loadRequest(id, true);
            if (!request)
                return request.error();
            if (!request->has_value())
                continue;
            AccessCheck check = Lifecycle::checkAccess(**request, at, *keys);
            if (check.allowed)
                return check;
            if (!firstRefusal)
                firstRefusal = check;
        }
        if (firstRefusal)
            return *firstRefusal;
    }
    AccessCheck denied;
    denied.reason = tr("%1 holds no approved request for %2 at %3.")
                        .arg(normalizedPrincipal(engineer), tenantId, Lifecycle::formatTime(at));
    return denied;
}

Result<TenantSettings> SqlRepository::settings(const Actor& actor)
{
    Result<Actor> who = resolveFor(actor, Action::ViewRequests, actor.tenantId);
    if (!who)
        return who.error();
    if (!roles::isCustomerRole(who->role))
        return noSettings(*who);
    return loadSettings(who->tenantId);
}

Error SqlRepository::noSettings(const Actor& who)
{
    return Error(Error::Code::PermissionDenied,
                 tr("%1 is on the operator's staff: lockbox settings belong to customer tenants.").arg(who.principal));
}

Result<TenantSettings>
SqlRepository::updateSettings(const Actor& actor, const TenantSettings& wanted, ChangeSet* changes)
{
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    Result<Actor> who = resolveRole(actor);
    if (!who)
        return who.error();
    if (roles::isOperatorRole(who->role))
        return noSettings(*who);
    Result<TenantSettings> current = loadSettings(who->tenantId);
    if (!current)
        return current;
    Result<QList<RoleAssignment>> assignments = loadRoles(who->tenantId);
    if (!assignments)
        return assignments.error();
    Result<QList<AuditEvent>> events = Lifecycle::changeSettings(*who, *current, wanted, *assignments);
    if (!events)
        return refuseTenantChange(transaction, *who, Action::ChangeSettings, events.error(), changes);
    if (events->isEmpty())
        return current;
    QSqlQuery& update
        = prepared(QStringLiteral("UPDATE tenants SET require_approval = ?, approvals_required = ?, "
                                  "backup_approvers = ?, escalation_lead_minutes = ?, changed_by = ?, changed_at = ? "
                                  "WHERE id = ?"));
    update.addBindValue(wanted.requireApproval ? 1 : 0);
    update.addBindValue(wanted.approvalsRequired);
    update.addBindValue(text(Lifecycle::normalizedPrincipals(wanted.backupApprovers).join(QLatin1Char(','))));
    update.addBindValue(wanted.escalationLeadMinutes);
    update.addBindValue(who->principal);
    update.addBindValue(toMs(now()));
    update.addBindValue(who->tenantId);
    if (!update.exec())
        return sqlError(tr("Saving the settings"), update);
    for (const AuditEvent& event : std::as_const(*events)) {
        if (Status written = appendAudit(*who, who->tenantId, event); !written)
            return written.error();
    }
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    *changes = ChangeSet {who->tenantId, {}, true, false, true};
    return loadSettings(who->tenantId);
}

Result<RegisteredKey>
SqlRepository::registerSigningKey(const Actor& actor, const QByteArray& publicKey, ChangeSet* changes)
{
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    Result<Actor> who = resolveRole(actor);
    if (!who)
        return who.error();
    if (Status allowed = Lifecycle::permits(*who, Action::RegisterKey, who->tenantId); !allowed)
        return refuseTenantChange(transaction, *who, Action::RegisterKey, allowed.error(), changes);
    if (publicKey.size() != SigningKey::publicKeyBytes)
        return Error(Error::Code::InvalidInput,
                     tr("A public signing key is %1 bytes (Ed25519); this one has %2.")
                         .arg(SigningKey::publicKeyBytes)
                         .arg(publicKey.size()));
    RegisteredKey key {who->tenantId, who->principal, SigningKey::fingerprintOf(publicKey), publicKey, now()};
    // The registration (or the endorsement of a key registered before) in the tenant's log, then
    // committed.
    auto auditAndCommit = [&]() -> Status {
        const AuditEvent event {AuditOperation::SigningKeyRegistered,
                                {},
                                {{QStringLiteral("principal"), key.principal},
                                 {QStringLiteral("fingerprint"), key.fingerprint},
                                 {QStringLiteral("publicKey"), QString::fromLatin1(publicKey.toBase64())},
                                 {QStringLiteral("endorsed"), !key.endorsement.isEmpty()}}};
        if (Status written = appendAudit(*who, who->tenantId, event); !written)
            return written;
        if (Status committed = transaction.commit(); !committed)
            return committed;
        *changes = ChangeSet {who->tenantId, {}, false, false, true};
        return Status::success();
    };

    QSqlQuery& existing = prepared(QStringLiteral("SELECT tenant_id, principal, registered_at, endorsement, "
                                                  "public_key FROM signing_keys WHERE fingerprint = ?"));
    existing.addBindValue(key.fingerprint);
    if (!existing.exec())
        return sqlError(tr("Reading the signing keys"), existing);
    if (existing.next()) {
        const QString owner = existing.value(1).toString();
        const bool mine = existing.value(0).toString() == key.tenantId && owner == key.principal;
        key.registeredAt = fromMs(existing.value(2));
        key.endorsement = QByteArray::fromBase64(existing.value(3).toString().toLatin1());
        key.publicKey = QByteArray::fromBase64(existing.value(4).toString().toLatin1());
        existing.finish();
        if (mine) {
            judgeKey(key);
            if (key.trusted)
                return key; // registered before: nothing changes
            // Registered before this store endorsed keys, outside it, or its key column changed
            // since: its owner, signed in, vouches for the key they present now.
            key.publicKey = publicKey;
            key.endorsement = m_endorser ? KeyEndorsement::sign(*m_endorser, key) : QByteArray();
            QSqlQuery& endorse = prepared(
                QStringLiteral("UPDATE signing_keys SET public_key = ?, endorsement = ? WHERE fingerprint = ?"));
            endorse.addBindValue(QString::fromLatin1(key.publicKey.toBase64()));
            endorse.addBindValue(QString::fromLatin1(key.endorsement.toBase64()));
            endorse.addBindValue(key.fingerprint);
            if (!endorse.exec())
                return sqlError(tr("Registering the signing key"), endorse);
            if (Status done = auditAndCommit(); !done)
                return done.error();
            key.trusted = true;
            return key;
        }
        return refuseTenantChange(
            transaction,
            *who,
            Action::RegisterKey,
            Error(
                Error::Code::Conflict,
                tr("The key %1 is registered to someone else already; create a key of your own.").arg(key.fingerprint)),
            changes);
    }
    existing.finish();
    if (m_endorser)
        key.endorsement = KeyEndorsement::sign(*m_endorser, key);
    QSqlQuery& insert = prepared(QStringLiteral("INSERT INTO signing_keys (fingerprint, tenant_id, principal, "
                                                "public_key, registered_at, endorsement) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(key.fingerprint);
    insert.addBindValue(key.tenantId);
    insert.addBindValue(key.principal);
    insert.addBindValue(QString::fromLatin1(publicKey.toBase64()));
    insert.addBindValue(toMs(key.registeredAt));
    insert.addBindValue(QString::fromLatin1(key.endorsement.toBase64()));
    if (!insert.exec())
        return sqlError(tr("Registering the signing key"), insert);
    if (Status done = auditAndCommit(); !done)
        return done.error();
    return key;
}

void SqlRepository::setEndorsementKey(const SigningKey& key)
{
    m_endorser = key;
    m_endorsedKeys.clear();
}

void SqlRepository::judgeKey(RegisteredKey& key) const
{
    if (!m_endorser) {
        key.trusted = SigningKey::fingerprintOf(key.publicKey) == key.fingerprint;
        return;
    }
    // A row found endorsed before, the same in every field the endorsement covers, is still
    // endorsed: each decision then costs one signature check, not two.
    constexpr qsizetype maxRemembered = 1000;
    if (const auto seen = m_endorsedKeys.constFind(key.fingerprint); seen != m_endorsedKeys.cend()
        && seen->tenantId == key.tenantId && seen->principal == key.principal && seen->publicKey == key.publicKey
        && seen->registeredAt == key.registeredAt && seen->endorsement == key.endorsement) {
        key.trusted = true;
        return;
    }
    key.trusted = SigningKey::fingerprintOf(key.publicKey) == key.fingerprint
        && KeyEndorsement::verify(m_endorser->publicKey(), key);
    if (key.trusted) {
        if (m_endorsedKeys.size() >= maxRemembered)
            m_endorsedKeys.clear();
        m_endorsedKeys.insert(key.fingerprint, key);
    }
}

Result<std::optional<RegisteredKey>> SqlRepository::loadSigningKey(const QString& fingerprint)
{
    QSqlQuery& query
        = prepared(QStringLiteral("SELECT %1 FROM signing_keys WHERE fingerprint = ?").arg(signingKeyColumns));
    query.addBindValue(fingerprint);
    if (!query.exec())
        return sqlError(tr("Reading the signing keys"), query);
    if (!query.next())
        return std::optional<RegisteredKey>();
    RegisteredKey key = readSigningKey(query);
    query.finish();
    judgeKey(key);
    return std::optional<RegisteredKey>(key);
}

Result<QList<RegisteredKey>> SqlRepository::signingKeys(const Actor& actor)
{
    Result<Actor> who = resolveFor(actor, Action::ViewRequests, actor.tenantId);
    if (!who)
        return who.error();
    return loadKeys(who->tenantId);
}

Result<QList<RegisteredKey>> SqlRepository::loadKeys(const QString& tenantId)
{
    QSqlQuery& query
        = prepared(QStringLiteral("SELECT %1 FROM signing_keys WHERE tenant_id = ? ORDER BY registered_at, fingerprint")
                       .arg(signingKeyColumns));
    query.addBindValue(tenantId);
    if (!query.exec())
        return sqlError(tr("Reading the signing keys"), query);
    QList<RegisteredKey> keys;
    while (query.next()) {
        RegisteredKey key = readSigningKey(query);
        judgeKey(key);
        keys.append(key);
    }
    return keys;
}

Result<QList<RoleAssignment>> SqlRepository::roleAssignments(const Actor& actor)
{
    Result<Actor> who = resolveFor(actor, Action::ViewRequests, actor.tenantId);
    if (!who)
        return who.error();
    return loadRoles(who->tenantId);
}

Result<QList<RoleAssignment>>
SqlRepository::setRole(const Actor& actor, const RoleAssignment& wanted, ChangeSet* changes)
{
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    Result<Actor> who = resolveRole(actor);
    if (!who)
        return who.error();
    RoleAssignment assignment = wanted;
    assignment.tenantId = who->tenantId;
    assignment.principal = normalizedPrincipal(wanted.principal);
    Result<QList<RoleAssignment>> current = loadRoles(who->tenantId);
    if (!current)
        return current;
    Result<QList<AuditEvent>> events = Lifecycle::changeRole(*who, assignment, *current);
    if (!events)
        return refuseTenantChange(transaction, *who, Action::ManageRoles, events.error(), changes);
    if (assignment.role == Role::None) {
        QSqlQuery& remove
            = prepared(QStringLiteral("DELETE FROM role_assignments WHERE tenant_id = ? AND principal = ?"));
        remove.addBindValue(assignment.tenantId);
        remove.addBindValue(assignment.principal);
        if (!remove.exec())
            return sqlError(tr("Removing the role of %1").arg(assignment.principal), remove);
    } else if (Status saved = saveRole(assignment, who->principal); !saved) {
        return saved.error();
    }
    for (const AuditEvent& event : std::as_const(*events)) {
        if (Status written = appendAudit(*who, who->tenantId, event); !written)
            return written.error();
    }
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    *changes = ChangeSet {who->tenantId, {}, false, true, true};
    return loadRoles(who->tenantId);
}

Result<Page<AuditRecord>> SqlRepository::auditRecords(const Actor& actor, const AuditQuery& query)
{
    Result<Actor> who = resolveFor(actor, Action::ReadAudit, actor.tenantId);
    if (!who)
        return who.error();
    if (query.limit < 1 || query.limit > AuditQuery::maxLimit)
        return Error(
            Error::Code::InvalidInput,
            tr("A page holds 1 to %1 audit records; %2 was asked for.").arg(AuditQuery::maxLimit).arg(query.limit));
    QStringList where;
    QVariantList binds;
    where << QStringLiteral("tenant_id = ?");
    binds << who->tenantId;
    addTimeBound(where, binds, QStringLiteral("at >= ?"), query.from);
    addTimeBound(where, binds, QStringLiteral("at < ?"), query.to);
    if (!query.operation.isEmpty()) {
        where << QStringLiteral("operation = ?");
        binds << query.operation;
    }
    if (!query.actor.isEmpty()) {
        where << QStringLiteral("actor = ?");
        binds << normalizedPrincipal(query.actor);
    }
    if (!query.requestId.isEmpty()) {
        where << QStringLiteral("request_id = ?");
        binds << query.requestId;
    }
    if (query.cursorSeq > 0) {
        where << (query.newestFirst ? QStringLiteral("seq < ?") : QStringLiteral("seq > ?"));
        binds << query.cursorSeq;
    }
    QString sql
        = QStringLiteral("SELECT %1 FROM audit WHERE %2").arg(auditColumns, where.join(QStringLiteral(" AND ")));
    sql += QStringLiteral(" ORDER BY seq %1 LIMIT %2")
               .arg(query.newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC"))
               .arg(query.limit + 1);
    QSqlQuery& select = prepared(sql);
    for (const QVariant& value : std::as_const(binds))
        select.addBindValue(value);
    if (!select.exec())
        return sqlError(tr("Reading the audit log"), select);
    Page<AuditRecord> page;
    while (select.next()) {
        if (page.items.size() == query.limit) {
            page.nextCursor = QString::number(page.items.last().seq);
            break;
        }
        page.items.append(readAudit(select));
    }
    return page;
}

Result<AuditVerification> SqlRepository::verifyAudit(const Actor& actor)
{
    Result<Actor> who = resolveFor(actor, Action::ReadAudit, actor.tenantId);
    if (!who)
        return who.error();
    // A tenant's records form a chain of their own: this checks the caller's tenant's chain whole.
    QSqlQuery& select
        = prepared(QStringLiteral("SELECT %1 FROM audit WHERE tenant_id = ? ORDER BY seq").arg(auditColumns));
    select.addBindValue(who->tenantId);
    if (!select.exec())
        return sqlError(tr("Reading the audit log"), select);
    AuditChainVerifier verifier;
    while (select.next() && verifier.add(readAudit(select))) { }
    return verifier.result();
}

Status SqlRepository::createTenant(const TenantSettings& tenant, const RoleAssignment& firstAdmin, ChangeSet* changes)
{
    const QString tenantId = tenant.tenantId.trimmed();
    if (tenantId.isEmpty() || tenantId == operatorTenantId || tenantId.contains(QLatin1Char(' ')))
        return Error(Error::Code::InvalidInput,
                     tr("A tenant id is one word, like contoso.onmicrosoft.com; \"%1\" cannot be used.").arg(tenantId));
    if (tenant.approvalsRequired < TenantSettings::minApprovals
        || tenant.approvalsRequired > TenantSettings::maxApprovals)
        return Error(Error::Code::InvalidInput, tr("Approvals required must be between 1 and 3."));
    const QString admin = normalizedPrincipal(firstAdmin.principal);
    if (!admin.contains(QLatin1Char('@')))
        return Error(Error::Code::InvalidInput,
                     tr("Give the first Global administrator's sign-in name, like megan@contoso.com."));
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    if (loadSettings(tenantId))
        return Error(Error::Code::Conflict, tr("Tenant %1 already exists.").arg(tenantId));
    const Actor system = Actor::system(tenantId);
    QSqlQuery& insert
        = prepared(QStringLiteral("INSERT INTO tenants (id, display_name, require_approval, approvals_required, "
                                  "changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(tenantId);
    insert.addBindValue(tenant.displayName.trimmed().isEmpty() ? tenantId : tenant.displayName.trimmed());
    insert.addBindValue(tenant.requireApproval ? 1 : 0);
    insert.addBindValue(tenant.approvalsRequired);
    insert.addBindValue(system.principal);
    insert.addBindValue(toMs(now()));
    if (!insert.exec())
        return sqlError(tr("Creating tenant %1").arg(tenantId), insert);
    if (Status saved = saveRole(RoleAssignment {tenantId, admin, firstAdmin.displayName, Role::GlobalAdministrator},
                                system.principal);
        !saved)
        return saved;
    const QList<AuditEvent> events = {AuditEvent {AuditOperation::TenantCreated,
                                                  {},
                                                  {{QStringLiteral("displayName"), tenant.displayName},
                                                   {QStringLiteral("requireApproval"), tenant.requireApproval},
                                                   {QStringLiteral("approvalsRequired"), tenant.approvalsRequired}}},
                                      AuditEvent {AuditOperation::RoleAssigned,
                                                  {},
                                                  {{QStringLiteral("principal"), admin},
                                                   {QStringLiteral("role"), roles::key(Role::GlobalAdministrator)}}}};
    for (const AuditEvent& event : events) {
        if (Status written = appendAudit(system, tenantId, event); !written)
            return written;
    }
    if (Status committed = transaction.commit(); !committed)
        return committed;
    *changes = ChangeSet {tenantId, {}, true, true, true};
    return Status::success();
}

Status SqlRepository::addOperatorStaff(const RoleAssignment& staff, ChangeSet* changes)
{
    if (!roles::isOperatorRole(staff.role))
        return Error(Error::Code::InvalidInput, tr("Operator staff are Support engineers or Support managers."));
    const QString principal = normalizedPrincipal(staff.principal);
    if (!principal.contains(QLatin1Char('@')))
        return Error(Error::Code::InvalidInput,
                     tr("Give the staff member's sign-in name, like alex@operator.example."));
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    if (Status saved = saveRole(RoleAssignment {operatorTenantId, principal, staff.displayName, staff.role},
                                Actor::systemPrincipal());
        !saved)
        return saved;
    if (Status written = appendAudit(
            Actor::system(operatorTenantId),
            operatorTenantId,
            AuditEvent {AuditOperation::RoleAssigned,
                        {},
                        {{QStringLiteral("principal"), principal}, {QStringLiteral("role"), roles::key(staff.role)}}});
        !written)
        return written;
    if (Status committed = transaction.commit(); !committed)
        return committed;
    *changes = ChangeSet {operatorTenantId, {}, false, true, true};
    return Status::success();
}

} // namespace lockbox

namespace lockbox {

Status SqlRepository::writeAtomically(const std::function<Status()>& work)
{
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    if (Status done = work(); !done)
        return done;
    return transaction.commit();
}

bool SqlRepository::tenantExists(const QString& tenantId)
{
    return tenantId == operatorTenantId || loadSettings(tenantId).isOk();
}

Result<qint64> SqlRepository::lastAuditSeq()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM audit")) || !query.next())
        return sqlError(tr("Reading the audit log"), query);
    return query.value(0).toLongLong();
}

Result<QList<AuditRecord>> SqlRepository::auditTail(qint64 afterSeq, int limit)
{
    QSqlQuery& select = prepared(QStringLiteral("SELECT %1 FROM audit WHERE seq > ? ORDER BY seq LIMIT %2")
                                     .arg(auditColumns)
                                     .arg(std::clamp(limit, 1, 10000)));
    select.addBindValue(afterSeq);
    if (!select.exec())
        return sqlError(tr("Reading the audit log"), select);
    QList<AuditRecord> records;
    while (select.next())
        records.append(readAudit(select));
    return records;
}

Result<bool> SqlRepository::hasAuditRecord(const QString& requestId, const QString& operation)
{
    QSqlQuery& query = prepared(QStringLiteral("SELECT 1 FROM audit WHERE request_id = ? AND operation = ? LIMIT 1"));
    query.addBindValue(requestId);
    query.addBindValue(operation);
    if (!query.exec())
        return sqlError(tr("Reading the audit log"), query);
    const bool found = query.next();
    query.finish();
    return found;
}

Result<bool> SqlRepository::recordNotice(ApproverNotice& notice, const QString& operation)
{
    const AccessRequest& request = notice.request;
    Result<QList<RoleAssignment>> assignments = loadRoles(request.tenantId);
    if (!assignments)
        return assignments.error();
    TenantSettings settings;
    if (notice.kind == ApproverNotice::Kind::Escalated) {
        Result<TenantSettings> loaded = loadSettings(request.tenantId);
        if (!loaded)
            return loaded.error();
        settings = *loaded;
    }
    // Whoever may approve it now and has not yet: the lifecycle says who may.
    notice.recipients.clear();
    for (const RoleAssignment& held : std::as_const(*assignments)) {
        const Actor holder {held.principal, held.tenantId, held.role};
        if (notice.kind == ApproverNotice::Kind::Escalated && !Lifecycle::isBackupApprover(settings, held.principal))
            continue;
        if (Lifecycle::permits(holder, Action::Approve, request.tenantId) && !request.hasApprovalFrom(held.principal))
            notice.recipients << held.principal;
    }
    if (notice.recipients.isEmpty())
        return false;
    notice.at = now();
    QJsonObject details {{QStringLiteral("reference"), request.reference},
                         {QStringLiteral("channel"), QStringLiteral("email")},
                         {QStringLiteral("recipients"), QJsonArray::fromStringList(notice.recipients)}};
    if (notice.kind == ApproverNotice::Kind::ExpiringSoon)
        details.insert(QStringLiteral("expires"), request.expires.toString(Qt::ISODateWithMs));
    if (Status written
        = appendAudit(Actor::system(request.tenantId), request.tenantId, AuditEvent {operation, request.id, details});
        !written)
        return written.error();
    return true;
}

Result<std::optional<ApproverNotice>>
SqlRepository::claimApprovalNotice(const QString& requestId, ApproverNotice::Kind kind, ChangeSet* changes)
{
    const QString operation = kind == ApproverNotice::Kind::Escalated ? AuditOperation::EscalationNoticeSent
                                                                      : AuditOperation::ApprovalNoticeSent;
    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    Result<std::optional<AccessRequest>> loaded = loadRequest(requestId, true);
    if (!loaded)
        return loaded.error();
    if (!loaded->has_value() || !Lifecycle::awaitsCustomerDecision(**loaded, now()))
        return std::optional<ApproverNotice>();
    Result<bool> told = hasAuditRecord(requestId, operation);
    if (!told)
        return told.error();
    if (*told)
        return std::optional<ApproverNotice>();
    ApproverNotice notice {kind, **loaded, {}, {}};
    Result<bool> recorded = recordNotice(notice, operation);
    if (!recorded)
        return recorded.error();
    if (!*recorded)
        return std::optional<ApproverNotice>();
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    *changes = ChangeSet {notice.request.tenantId, {}, false, false, true};
    return std::optional<ApproverNotice>(notice);
}

Result<QStringList> SqlRepository::requestsToWarn(const QDateTime& from, const QDateTime& until)
{
    QSqlQuery& query
        = prepared(QStringLiteral("SELECT id FROM requests WHERE status = '%1' AND expires_at > ? AND expires_at <= ? "
                                  "AND NOT EXISTS (SELECT 1 FROM audit WHERE audit.request_id = requests.id "
                                  "AND audit.operation = ?) ORDER BY expires_at LIMIT 500")
                       .arg(requestStatus::key(RequestStatus::Pending)));
    query.addBindValue(toMs(from));
    query.addBindValue(toMs(until));
    query.addBindValue(AuditOperation::ExpiryWarningSent);
    if (!query.exec())
        return sqlError(tr("Looking for requests that expire within the hour"), query);
    QStringList ids;
    while (query.next())
        ids << query.value(0).toString();
    query.finish();
    return ids;
}

Result<QList<ApproverNotice>> SqlRepository::claimExpiryWarnings(qint64 leadSeconds, QList<ChangeSet>* changes)
{
    // Read first without the write lock: almost always there is nothing to warn about.
    Result<QStringList> candidates = requestsToWarn(now(), now().addSecs(leadSeconds));
    if (!candidates)
        return candidates.error();
    if (candidates->isEmpty())
        return QList<ApproverNotice>();

    WriteTransaction transaction(*this);
    if (!transaction.ok())
        return transaction.error();
    const QDateTime at = now();
    // Again under the lock: another lockboxd may have warned in between.
    candidates = requestsToWarn(at, at.addSecs(leadSeconds));
    if (!candidates)
        return candidates.error();
    QList<ApproverNotice> notices;
    for (const QString& id : std::as_const(*candidates)) {
        Result<std::optional<AccessRequest>> loaded = loadRequest(id, true);
        if (!loaded)
            return loaded.error();
        if (!loaded->has_value() || !Lifecycle::awaitsCustomerDecision(**loaded, at))
            continue;
        ApproverNotice notice {ApproverNotice::Kind::ExpiringSoon, **loaded, {}, {}};
        Result<bool> recorded = recordNotice(notice, AuditOperation::ExpiryWarningSent);
        if (!recorded)
            return recorded.error();
        if (*recorded)
            notices.append(notice);
    }
    if (notices.isEmpty())
        return notices;
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    for (const ApproverNotice& notice : std::as_const(notices))
        changes->append(ChangeSet {notice.request.tenantId, {}, false, false, true});
    return notices;
}

} // namespace lockbox
