#include "SchemaMigrations.h"

#include "SqlDialect.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lockbox {

namespace {

Error sqlFailure(const QString& what, const QSqlError& error)
{
    return Error(Error::Code::StorageFailure,
                 QCoreApplication::translate("lockbox::SchemaMigrations", "%1 failed: %2").arg(what, error.text()));
}

// Holds a server database's schema lock while it lives, so that processes opening the database
// together upgrade it one after the other. Nothing to hold for SQLite.
class SchemaLock
{
public:
    explicit SchemaLock(QSqlDatabase& db)
        : m_db(db)
        , m_dialect(SqlDialect::of(db))
    {
        const QString lock = m_dialect.lockSchema();
        if (lock.isEmpty())
            return;
        QSqlQuery query(m_db);
        if (query.exec(lock))
            m_held = true;
        else
            m_error = query.lastError();
    }
    ~SchemaLock()
    {
        if (m_held)
            QSqlQuery(m_db).exec(m_dialect.unlockSchema());
    }
    SchemaLock(const SchemaLock&) = delete;
    SchemaLock& operator=(const SchemaLock&) = delete;

    // The lock's error, invalid when it is held or not needed.
    const QSqlError& error() const { return m_error; }
    QString location() const { return m_dialect.location(); }

private:
    QSqlDatabase& m_db;
    SqlDialect m_dialect;
    bool m_held = false;
    QSqlError m_error;
};

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
    steps.append({3,
                  QStringLiteral("accounts and sign-in sessions of the service"),
                  {
                      // One account a person a tenant (the operator's staff under "operator").
                      // Passwords only as Argon2id hashes; totp_last_step refuses a replayed code.
                      QStringLiteral("CREATE TABLE accounts ("
                                     " tenant_id TEXT NOT NULL,"
                                     " principal TEXT NOT NULL,"
                                     " password_hash TEXT NOT NULL,"
                                     " totp_secret TEXT NOT NULL DEFAULT '',"
                                     " totp_last_step BIGINT NOT NULL DEFAULT 0,"
                                     " failed_attempts INTEGER NOT NULL DEFAULT 0,"
                                     " locked_until BIGINT,"
                                     " created_at BIGINT NOT NULL,"
                                     " password_changed_at BIGINT NOT NULL,"
                                     " PRIMARY KEY (tenant_id, principal))"),
                      // Bearer tokens are stored only as their SHA-256: a copy of the database
                      // signs nobody in.
                      QStringLiteral("CREATE TABLE sessions ("
                                     " token_hash TEXT PRIMARY KEY,"
                                     " tenant_id TEXT NOT NULL,"
                                     " principal TEXT NOT NULL,"
                                     " client TEXT NOT NULL DEFAULT '',"
                                     " created_at BIGINT NOT NULL,"
                                     " expires_at BIGINT NOT NULL,"
                                     " step_up_at BIGINT)"),
                      QStringLiteral("CREATE INDEX sessions_by_expiry ON sessions (expires_at)"),
                      QStringLiteral("CREATE INDEX sessions_by_account ON sessions (tenant_id, principal)"),
                  }});
    steps.append(
        {4,
         QStringLiteral("questions to the engineer and escalation to backup approvers"),
         {
             // The thread itself is kept with the decisions (kinds Question and Answer).
             QStringLiteral("ALTER TABLE requests ADD COLUMN information_requested INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE requests ADD COLUMN escalate_at BIGINT"),
             QStringLiteral("ALTER TABLE requests ADD COLUMN escalated_at BIGINT"),
             QStringLiteral("ALTER TABLE tenants ADD COLUMN backup_approvers TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE tenants ADD COLUMN escalation_lead_minutes INTEGER NOT NULL DEFAULT 120"
                            " CHECK (escalation_lead_minutes BETWEEN 15 AND 600)"),
             // The next escalation due, for the sweep: only requests that still may escalate.
             QStringLiteral("CREATE INDEX requests_due_escalation ON requests (escalate_at)"
                            " WHERE status = 'Pending' AND escalated_at IS NULL"),
         }});
    steps.append({5,
                  QStringLiteral("approvers' public signing keys"),
                  {
                      // The fingerprint (SHA-256 of the key) names a key everywhere: one owner each.
                      QStringLiteral("CREATE TABLE signing_keys ("
                                     " fingerprint TEXT PRIMARY KEY,"
                                     " tenant_id TEXT NOT NULL,"
                                     " principal TEXT NOT NULL,"
                                     " public_key TEXT NOT NULL,"
                                     " registered_at BIGINT NOT NULL)"),
                      QStringLiteral("CREATE INDEX signing_keys_by_tenant ON signing_keys (tenant_id, principal)"),
                  }});
    steps.append({6,
                  QStringLiteral("approvers' signatures on their decisions"),
                  {
                      QStringLiteral("ALTER TABLE decisions ADD COLUMN signing_key TEXT NOT NULL DEFAULT ''"),
                      QStringLiteral("ALTER TABLE decisions ADD COLUMN signed_at BIGINT"),
                      QStringLiteral("ALTER TABLE decisions ADD COLUMN signature TEXT NOT NULL DEFAULT ''"),
                  }});
    steps.append({7,
                  QStringLiteral("the registering service's endorsement of each signing key"),
                  {
                      QStringLiteral("ALTER TABLE signing_keys ADD COLUMN endorsement TEXT NOT NULL DEFAULT ''"),
                  }});
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
                             .arg(SqlDialect::of(db).location(), tables.mid(0, 3).join(QStringLiteral(", "))));
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
    // The version is read once the lock is held: another process may just have upgraded.
    const SchemaLock lock(db);
    if (lock.error().isValid())
        return sqlFailure(tr("Waiting for another process's schema upgrade"), lock.error());
    Result<int> current = currentVersion(db);
    if (!current)
        return current.error();
    if (*current > latestVersion())
        return Error(Error::Code::SchemaTooNew,
                     tr("%1 was written by a newer Lockbox (schema version %2; this version reads up to %3). "
                        "Update Lockbox to open it; nothing was changed.")
                         .arg(lock.location())
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
