#include "SchemaMigrations.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lockbox {

namespace {

Error sqlFailure(const QString& what, const QSqlError& error)
{
    return Error(Error::Code::StorageFailure,
                 QCoreApplication::translate("lockbox::SchemaMigrations", "%1 failed: %2").arg(what, error.text()));
}

QList<SchemaMigrations::Step> buildSteps()
{
    QList<SchemaMigrations::Step> steps;
    steps.append({1,
                  QStringLiteral("tenants, roles, requests, decisions and the audit chain"),
                  {
                      QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
                      QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"),
                      QStringLiteral("CREATE TABLE tenants ("
                                     " id TEXT PRIMARY KEY,"
                                     " display_name TEXT NOT NULL,"
                                     " require_approval INTEGER NOT NULL DEFAULT 1,"
                                     " approvals_required INTEGER NOT NULL DEFAULT 1"
                                     "   CHECK (approvals_required BETWEEN 1 AND 3),"
                                     " changed_by TEXT NOT NULL DEFAULT '',"
                                     " changed_at BIGINT)"),
                      QStringLiteral("CREATE TABLE role_assignments ("
                                     " tenant_id TEXT NOT NULL,"
                                     " principal TEXT NOT NULL,"
                                     " display_name TEXT NOT NULL,"
                                     " role TEXT NOT NULL,"
                                     " assigned_by TEXT NOT NULL,"
                                     " assigned_at BIGINT NOT NULL,"
                                     " PRIMARY KEY (tenant_id, principal))"),
                      QStringLiteral("CREATE TABLE requests ("
                                     // The reference number is the row's integer key: SQLite keeps it as
                                     // the rowid, so every index carries it for free as the tie-breaker.
                                     " ref_number INTEGER PRIMARY KEY,"
                                     " id TEXT NOT NULL UNIQUE,"
                                     " reference TEXT NOT NULL UNIQUE,"
                                     " service_request TEXT NOT NULL,"
                                     " tenant_id TEXT NOT NULL REFERENCES tenants (id),"
                                     " workload TEXT NOT NULL,"
                                     " requester TEXT NOT NULL,"
                                     " reason TEXT NOT NULL,"
                                     " scope TEXT NOT NULL,"
                                     " duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 240),"
                                     " created_at BIGINT NOT NULL,"
                                     " expires_at BIGINT NOT NULL,"
                                     " status TEXT NOT NULL,"
                                     " approvals_required INTEGER NOT NULL DEFAULT 1,"
                                     " approvals_count INTEGER NOT NULL DEFAULT 0,"
                                     " manager TEXT NOT NULL DEFAULT '',"
                                     " manager_decided_at BIGINT,"
                                     " decided_by TEXT NOT NULL DEFAULT '',"
                                     " decided_at BIGINT,"
                                     " decision_comment TEXT NOT NULL DEFAULT '',"
                                     " access_from BIGINT,"
                                     " access_until BIGINT,"
                                     " version INTEGER NOT NULL DEFAULT 1)"),
                      QStringLiteral("CREATE TABLE decisions ("
                                     " request_id TEXT NOT NULL REFERENCES requests (id),"
                                     " seq INTEGER NOT NULL,"
                                     " kind TEXT NOT NULL,"
                                     " actor TEXT NOT NULL,"
                                     " actor_role TEXT NOT NULL,"
                                     " at BIGINT NOT NULL,"
                                     " comment TEXT NOT NULL DEFAULT '',"
                                     " PRIMARY KEY (request_id, seq))"),
                      // Nobody counts twice towards a request's approvals, whatever the code above does.
                      QStringLiteral("CREATE UNIQUE INDEX decisions_one_approval_each"
                                     " ON decisions (request_id, actor) WHERE kind = 'Approve'"),
                      QStringLiteral("CREATE TABLE audit ("
                                     " seq BIGINT PRIMARY KEY,"
                                     " tenant_seq BIGINT NOT NULL,"
                                     " at BIGINT NOT NULL,"
                                     " actor TEXT NOT NULL,"
                                     " actor_role TEXT NOT NULL,"
                                     " tenant_id TEXT NOT NULL,"
                                     " operation TEXT NOT NULL,"
                                     " request_id TEXT NOT NULL DEFAULT '',"
                                     " details TEXT NOT NULL,"
                                     " prev_hash TEXT NOT NULL,"
                                     " hash TEXT NOT NULL,"
                                     " UNIQUE (tenant_id, tenant_seq))"),
                  }});
    // Indexes for the list queries: each sortable column behind the tenant, with and without the
    // status filter, and the reference number as tie-breaker for keyset paging. Reason (long free
    // text) has none: sorting by it reads the filtered rows.
    QStringList indexes;
    const QList<std::pair<QString, QString>> sortColumns
        = {{QStringLiteral("reference"), QStringLiteral("reference")},
           {QStringLiteral("created"), QStringLiteral("created_at")},
           {QStringLiteral("workload"), QStringLiteral("workload")},
           {QStringLiteral("requester"), QStringLiteral("requester")},
           {QStringLiteral("duration"), QStringLiteral("duration_minutes")},
           {QStringLiteral("expires"), QStringLiteral("expires_at")}};
    for (const auto& [name, column] : sortColumns) {
        indexes.append(QStringLiteral("CREATE INDEX requests_by_tenant_%1 ON requests (tenant_id, %2, ref_number)")
                           .arg(name, column));
        indexes.append(
            QStringLiteral("CREATE INDEX requests_by_tenant_status_%1 ON requests (tenant_id, status, %2, ref_number)")
                .arg(name, column));
    }
    indexes.append(
        QStringLiteral("CREATE INDEX requests_by_tenant_status ON requests (tenant_id, status, ref_number)"));
    // Due transitions (expiry, window end) and the Home counts.
    indexes.append(QStringLiteral("CREATE INDEX requests_due_expiry ON requests (status, expires_at)"));
    indexes.append(QStringLiteral("CREATE INDEX requests_due_window ON requests (status, access_until)"));
    indexes.append(QStringLiteral("CREATE INDEX requests_by_tenant_decided ON requests (tenant_id, decided_at)"));
    indexes.append(QStringLiteral("CREATE INDEX requests_by_requester ON requests (requester, tenant_id, status)"));
    indexes.append(QStringLiteral("CREATE INDEX audit_by_tenant ON audit (tenant_id, seq)"));
    indexes.append(QStringLiteral("CREATE INDEX audit_by_request ON audit (request_id, seq)"));
    indexes.append(QStringLiteral("CREATE INDEX audit_by_tenant_operation ON audit (tenant_id, operation, seq)"));
    indexes.append(QStringLiteral("CREATE INDEX audit_by_tenant_actor ON audit (tenant_id, actor, seq)"));
    indexes.append(QStringLiteral("CREATE INDEX audit_by_tenant_time ON audit (tenant_id, at, seq)"));
    steps.append({2, QStringLiteral("indexes for the request list, due transitions and audit queries"), indexes});
    return steps;
}

} // namespace

const QList<SchemaMigrations::Step>& SchemaMigrations::steps()
{
    static const QList<Step> all = buildSteps();
    return all;
}

int SchemaMigrations::latestVersion()
{
    return steps().last().version;
}

Result<int> SchemaMigrations::currentVersion(QSqlDatabase& db)
{
    if (!db.tables().contains(QStringLiteral("schema_version"))) {
        // A database with tables of its own is not a Lockbox store: never write into it.
        const QStringList tables = db.tables();
        if (!tables.isEmpty())
            return Error(Error::Code::InvalidInput,
                         tr("%1 is not a Lockbox store: it holds other tables (%2).")
                             .arg(db.databaseName(), tables.mid(0, 3).join(QStringLiteral(", "))));
        return 0;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT version FROM schema_version")) || !query.next())
        return sqlFailure(tr("Reading the schema version"), query.lastError());
    return query.value(0).toInt();
}

Status SchemaMigrations::migrate(QSqlDatabase& db, int target)
{
    if (target < 0)
        target = latestVersion();
    Result<int> current = currentVersion(db);
    if (!current)
        return current.error();
    if (*current > latestVersion())
        return Error(Error::Code::SchemaTooNew,
                     tr("%1 was written by a newer Lockbox (schema version %2; this version reads up to %3). "
                        "Update Lockbox to open it; nothing was changed.")
                         .arg(db.databaseName())
                         .arg(*current)
                         .arg(latestVersion()));
    for (const Step& step : steps()) {
        if (step.version <= *current || step.version > target)
            continue;
        if (!db.transaction())
            return sqlFailure(tr("Starting schema upgrade %1").arg(step.version), db.lastError());
        QSqlQuery query(db);
        for (const QString& statement : step.statements) {
            if (!query.exec(statement)) {
                const QSqlError error = query.lastError();
                db.rollback();
                return sqlFailure(tr("Schema upgrade %1 (%2)").arg(step.version).arg(step.description), error);
            }
        }
        query.prepare(QStringLiteral("UPDATE schema_version SET version = ?"));
        query.addBindValue(step.version);
        if (!query.exec() || !db.commit()) {
            const QSqlError error = query.lastError().isValid() ? query.lastError() : db.lastError();
            db.rollback();
            return sqlFailure(tr("Recording schema version %1").arg(step.version), error);
        }
    }
    return Status::success();
}

} // namespace lockbox
