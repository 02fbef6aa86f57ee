#include "LargeStoreGenerator.h"

#include "SeedGenerator.h"
#include "audit/AuditOperation.h"
#include "audit/AuditRecord.h"
#include "core/ManualClock.h"
#include "domain/AccessRequest.h"
#include "store/SchemaMigrations.h"
#include "store/SqlDialect.h"
#include "store/SqlStore.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QUuid>

#include <sqlite3.h>

namespace lockbox {

namespace {

// Owns a raw SQLite handle and a prepared statement, closing them on every path.
class RawSqlite
{
public:
    ~RawSqlite()
    {
        for (sqlite3_stmt* statement : m_statements)
            sqlite3_finalize(statement);
        if (m_db)
            sqlite3_close(m_db);
    }
    bool open(const QString& path) { return sqlite3_open(path.toUtf8().constData(), &m_db) == SQLITE_OK; }
    bool exec(const char* sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    sqlite3_stmt* prepare(const char* sql)
    {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK)
            return nullptr;
        m_statements.append(statement);
        return statement;
    }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

private:
    sqlite3* m_db = nullptr;
    QList<sqlite3_stmt*> m_statements;
};

void bindText(sqlite3_stmt* statement, int index, const QByteArray& text)
{
    sqlite3_bind_text(statement, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
}

void bindTime(sqlite3_stmt* statement, int index, const QDateTime& time)
{
    if (time.isValid())
        sqlite3_bind_int64(statement, index, time.toMSecsSinceEpoch());
    else
        sqlite3_bind_null(statement, index);
}

} // namespace

Result<qint64> LargeStoreGenerator::generate(const QString& path, const Options& options, const Progress& progress)
{
    if (SqlDialect::isServerUrl(path))
        return Error(Error::Code::InvalidInput,
                     tr("The large benchmark store is written straight into an SQLite file, so it cannot be "
                        "generated in the PostgreSQL database %1. Give the path of a new file instead.")
                         .arg(SqlDialect::displayName(path)));
    if (QFileInfo::exists(path))
        return Error(Error::Code::InvalidInput, tr("%1 already exists; choose a new file.").arg(path));
    if (options.requests < 1)
        return Error(Error::Code::InvalidInput, tr("Ask for at least one request."));
    const QDateTime now = options.now.toUTC();

    // Tenants, people and the schema's first version come from the ordinary code path.
    {
        auto clock = std::make_shared<ManualClock>(now.addDays(-31));
        SqlStore store(path, clock);
        if (Status opened = store.open().result(); !opened)
            return opened.error();
        SeedGenerator::Options none;
        none.end = now.addDays(-31);
        none.days = 0;
        none.presentScenes = false;
        if (Result<int> seeded = SeedGenerator::populate(store, *clock, none); !seeded)
            return seeded.error();
    }

    // Declared before the database so that it runs after the database is closed.
    struct RemoveUnlessKept
    {
        QString path;
        bool keep = false;
        ~RemoveUnlessKept()
        {
            if (keep)
                return;
            for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(path + suffix);
        }
    } unfinished {path};

    RawSqlite db;
    if (!db.open(path))
        return Error(Error::Code::StorageFailure, tr("Cannot open %1: %2").arg(path, db.error()));
    // Drop the list indexes while loading and build them again at the end.
    // Bulk-load settings: the file is new and is removed if the load fails, so no journal (each
    // page is written once, not to the WAL and again at the checkpoint), no syncs until the end,
    // a large cache, and index sorts in memory on two threads (the machine's cores).
    if (!db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288; "
                 "PRAGMA temp_store=MEMORY; PRAGMA threads=2;"))
        return Error(Error::Code::StorageFailure, db.error());
    const SchemaMigrations::Step& indexStep = SchemaMigrations::steps().at(1);
    for (const QString& statement : indexStep.statements) {
        const QString name = statement.section(QLatin1Char(' '), 2, 2);
        if (!db.exec(QStringLiteral("DROP INDEX IF EXISTS %1").arg(name).toUtf8().constData()))
            return Error(Error::Code::StorageFailure, db.error());
    }
    if (!db.exec("BEGIN"))
        return Error(Error::Code::StorageFailure, db.error());

    sqlite3_stmt* lastAudit = db.prepare("SELECT MAX(seq) FROM audit");
    sqlite3_stmt* tenantLast
        = db.prepare("SELECT tenant_seq, hash FROM audit WHERE tenant_id = ?1 ORDER BY tenant_seq DESC LIMIT 1");
    sqlite3_stmt* insertRequest = db.prepare(
        "INSERT INTO requests (ref_number, id, reference, service_request, tenant_id, workload, requester, reason, "
        "scope, duration_minutes, created_at, expires_at, status, approvals_required, approvals_count, manager, "
        "manager_decided_at, decided_by, decided_at, decision_comment, access_from, access_until, version) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
        "1)");
    sqlite3_stmt* insertAudit = db.prepare(
        "INSERT INTO audit (seq, at, actor, actor_role, tenant_id, operation, request_id, details, prev_hash, hash, "
        "tenant_seq) VALUES (?1, ?2, ?3, 'SupportEngineer', ?4, 'RequestFiled', ?5, ?6, ?7, ?8, ?9)");
    if (!lastAudit || !tenantLast || !insertRequest || !insertAudit)
        return Error(Error::Code::StorageFailure, db.error());
    if (sqlite3_step(lastAudit) != SQLITE_ROW)
        return Error(Error::Code::StorageFailure, tr("The seeded store has no audit log."));
    qint64 seq = sqlite3_column_int64(lastAudit, 0);
    sqlite3_reset(lastAudit); // a statement left mid-way holds a read transaction open

    // Each tenant's chain goes on from its last record.
    const DemoCast cast = DemoCast::standard();
    struct Chain
    {
        qint64 tenantSeq = 0;
        QString lastHash = AuditRecord::genesisHash();
    };
    QHash<QString, Chain> chains;
    for (const DemoCast::Tenant& tenant : cast.tenants) {
        const QByteArray id = tenant.id.toUtf8();
        sqlite3_reset(tenantLast);
        bindText(tenantLast, 1, id);
        Chain& chain = chains[tenant.id];
        if (sqlite3_step(tenantLast) == SQLITE_ROW) {
            chain.tenantSeq = sqlite3_column_int64(tenantLast, 0);
            chain.lastHash = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(tenantLast, 1)));
        }
        sqlite3_reset(tenantLast);
    }

    const QList<Workload> allWorkloads = workloads::all();
    const char* reasons[] = {"Troubleshoot mail flow delays reported in the service request",
                             "Recover purged items at the customer's request",
                             "Diagnose broken permission inheritance on a library",
                             "Restore files deleted by the sync client",
                             "Investigate a meeting recording that was not saved"};
    QRandomGenerator random(options.seed);
    const qint64 spanMs = qint64(30) * 24 * 3600 * 1000;
    const qint64 startMs = now.toMSecsSinceEpoch() - spanMs;

    for (qint64 i = 0; i < options.requests; ++i) {
        AccessRequest request;
        // Nine in ten requests belong to the first tenant, so one admin sees a very large list.
        const DemoCast::Tenant& tenant = cast.tenants.at(random.bounded(10) == 0 ? 1 : 0);
        request.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        request.workload = allWorkloads.at(random.bounded(int(allWorkloads.size())));
        const qint64 refNumber = 1'000'001 + i;
        request.reference = workloads::referencePrefix(request.workload) + QString::number(refNumber);
        request.serviceRequest = QStringLiteral("SR%1").arg(2600000000LL + i);
        request.tenantId = tenant.id;
        request.requester = cast.engineers.at(random.bounded(int(cast.engineers.size()))).principal;
        request.reason = QString::fromUtf8(reasons[random.bounded(5)]);
        request.scope = QStringLiteral("Mailbox of user%1@%2").arg(random.bounded(5000)).arg(tenant.id);
        request.durationMinutes = 15 * (1 + random.bounded(16));
        // Created times rise with i, so the audit log is in time order.
        request.created = QDateTime::fromMSecsSinceEpoch(startMs + spanMs * i / options.requests, Qt::UTC);
        request.expires = request.created.addSecs(12 * 3600);
        const QDateTime managerAt = request.created.addSecs(600);
        const QDateTime decideAt = request.created.addSecs(3600);
        const int fate = random.bounded(100);
        const QString decider
            = tenant.approvers.isEmpty() ? tenant.globalAdmin.principal : tenant.approvers.first().principal;
        if (request.expires <= now) { // old enough to be settled
            if (fate < 5) {
                request.status = RequestStatus::Rejected;
                request.manager = cast.managers.first().principal;
                request.managerDecidedAt = managerAt;
                request.decidedBy = request.manager;
                request.decidedAt = managerAt;
            } else if (fate < 20) {
                request.status = RequestStatus::Denied;
                request.decidedBy = decider;
                request.decidedAt = decideAt;
            } else if (fate < 30) {
                request.status = RequestStatus::Expired;
                request.decidedBy = Actor::systemPrincipal();
                request.decidedAt = request.expires;
            } else {
                request.status = fate < 33 ? RequestStatus::Revoked : RequestStatus::Completed;
                request.decidedBy = decider;
                request.decidedAt = decideAt;
                request.accessFrom = decideAt;
                request.accessUntil = request.status == RequestStatus::Revoked
                    ? decideAt.addSecs(60)
                    : decideAt.addSecs(qint64(request.durationMinutes) * 60);
                request.approvalsCount = 1;
            }
        } else if (managerAt > now || fate < 10) {
            request.status = RequestStatus::Filed;
        } else {
            request.status = RequestStatus::Pending;
            request.manager = cast.managers.first().principal;
            request.managerDecidedAt = managerAt;
            const QDateTime until = decideAt.addSecs(qint64(request.durationMinutes) * 60);
            if (fate >= 80 && decideAt <= now && until > now) {
                request.status = RequestStatus::Approved;
                request.decidedBy = decider;
                request.decidedAt = decideAt;
                request.accessFrom = decideAt;
                request.accessUntil = until;
                request.approvalsCount = 1;
            }
        }
        if (request.status != RequestStatus::Filed && request.manager.isEmpty()) {
            request.manager = cast.managers.first().principal;
            request.managerDecidedAt = managerAt;
        }

        sqlite3_reset(insertRequest);
        sqlite3_bind_int64(insertRequest, 1, refNumber);
        bindText(insertRequest, 2, request.id.toUtf8());
        bindText(insertRequest, 3, request.reference.toUtf8());
        bindText(insertRequest, 4, request.serviceRequest.toUtf8());
        bindText(insertRequest, 5, request.tenantId.toUtf8());
        bindText(insertRequest, 6, workloads::key(request.workload).toUtf8());
        bindText(insertRequest, 7, request.requester.toUtf8());
        bindText(insertRequest, 8, request.reason.toUtf8());
        bindText(insertRequest, 9, request.scope.toUtf8());
        sqlite3_bind_int(insertRequest, 10, request.durationMinutes);
        bindTime(insertRequest, 11, request.created);
        bindTime(insertRequest, 12, request.expires);
        bindText(insertRequest, 13, requestStatus::key(request.status).toUtf8());
        sqlite3_bind_int(insertRequest, 14, request.approvalsCount);
        bindText(insertRequest, 15, request.manager.toUtf8());
        bindTime(insertRequest, 16, request.managerDecidedAt);
        bindText(insertRequest, 17, request.decidedBy.toUtf8());
        bindTime(insertRequest, 18, request.decidedAt);
        bindText(insertRequest, 19, QByteArray());
        bindTime(insertRequest, 20, request.accessFrom);
        bindTime(insertRequest, 21, request.accessUntil);
        if (sqlite3_step(insertRequest) != SQLITE_DONE)
            return Error(Error::Code::StorageFailure, tr("Writing request %1 failed: %2").arg(i).arg(db.error()));

        Chain& chain = chains[request.tenantId];
        AuditRecord record;
        record.seq = ++seq;
        record.tenantSeq = ++chain.tenantSeq;
        record.at = request.created;
        record.actor = request.requester;
        record.actorRole = Role::SupportEngineer;
        record.tenantId = request.tenantId;
        record.operation = AuditOperation::RequestFiled;
        record.requestId = request.id;
        record.details = {{QStringLiteral("reference"), request.reference},
                          {QStringLiteral("durationMinutes"), request.durationMinutes}};
        record.prevHash = chain.lastHash;
        record.hash = record.computeHash();
        chain.lastHash = record.hash;

        sqlite3_reset(insertAudit);
        sqlite3_bind_int64(insertAudit, 1, record.seq);
        bindTime(insertAudit, 2, record.at);
        bindText(insertAudit, 3, record.actor.toUtf8());
        bindText(insertAudit, 4, record.tenantId.toUtf8());
        bindText(insertAudit, 5, record.requestId.toUtf8());
        bindText(insertAudit, 6, QJsonDocument(record.details).toJson(QJsonDocument::Compact));
        bindText(insertAudit, 7, record.prevHash.toUtf8());
        bindText(insertAudit, 8, record.hash.toUtf8());
        sqlite3_bind_int64(insertAudit, 9, record.tenantSeq);
        if (sqlite3_step(insertAudit) != SQLITE_DONE)
            return Error(Error::Code::StorageFailure,
                         tr("Writing audit record %1 failed: %2").arg(seq).arg(db.error()));
        if (progress && ((i + 1) % 50'000 == 0 || i + 1 == options.requests))
            progress(i + 1);
    }
    if (!db.exec("COMMIT"))
        return Error(Error::Code::StorageFailure, db.error());
    if (progress)
        progress(-1); // building indexes
    for (const QString& statement : indexStep.statements) {
        if (!db.exec(statement.toUtf8().constData()))
            return Error(Error::Code::StorageFailure, tr("Building an index failed: %1").arg(db.error()));
    }
    // Planner statistics from a sample of each index: as good for these shapes, and instant.
    if (!db.exec("PRAGMA analysis_limit=1000; ANALYZE;") || !db.exec("PRAGMA journal_mode=WAL;")
        || !db.exec("PRAGMA synchronous=NORMAL;"))
        return Error(Error::Code::StorageFailure, db.error());
    unfinished.keep = true;
    return options.requests;
}

} // namespace lockbox
