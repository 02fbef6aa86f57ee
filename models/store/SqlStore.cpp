#include "SqlStore.h"

#include "AccountRepository.h"
#include "SqlRepository.h"
#include "accounts/PasswordHasher.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace lockbox {

SqlStore::SqlStore(QString databasePath, std::shared_ptr<const Clock> clock, QObject* parent)
    : Store(parent)
    , m_path(std::move(databasePath))
    , m_clock(std::move(clock))
{
    // One thread that never expires: the SQLite connection belongs to it.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

SqlStore::~SqlStore()
{
    onWorker<bool>([this] {
        m_accounts.reset();
        m_repository.reset();
        return true;
    }).waitForFinished();
}

template <typename R, typename Work>
QFuture<R> SqlStore::onWorker(Work work)
{
    // A plain runnable fulfilling a promise: unlike QtConcurrent::run, a thread waiting on the
    // future cannot "steal" the task and run it on its own thread, away from the connection's.
    auto promise = std::make_shared<QPromise<R>>();
    QFuture<R> future = promise->future();
    promise->start();
    m_pool.start([promise, work = std::move(work)]() mutable {
        promise->addResult(work());
        promise->finish();
    });
    return future;
}

QFuture<Status> SqlStore::open()
{
    return onWorker<Status>([this]() -> Status {
        auto repository = std::make_unique<SqlRepository>(m_path, m_clock);
        if (Status opened = repository->open(); !opened)
            return opened;
        m_repository = std::move(repository);
        m_accounts = std::make_unique<AccountRepository>(*m_repository, m_clock);
        return Status::success();
    });
}

template <typename R, typename Work>
QFuture<R> SqlStore::run(Work work)
{
    return onWorker<R>([this, work = std::move(work)]() -> R {
        if (!m_repository)
            return Error(Error::Code::Unavailable, tr("The store %1 is not open.").arg(location()));
        if (Status connected = m_repository->reconnectIfLost(); !connected)
            return connected.error();
        if (Result<int> due = sweep(); !due)
            return due.error();
        return work(*m_repository);
    });
}

Result<int> SqlStore::sweep()
{
    QList<ChangeSet> swept;
    Result<int> due = m_repository->applyDueTransitions(&swept);
    for (const ChangeSet& changes : std::as_const(swept))
        publish(changes);
    return due;
}

void SqlStore::publish(const ChangeSet& changes)
{
    if (!changes.requestIds.isEmpty())
        emit requestsChanged(changes.tenantId, changes.requestIds);
    if (changes.settings)
        emit settingsChanged(changes.tenantId);
    if (changes.roles)
        emit rolesChanged(changes.tenantId);
    if (changes.audit)
        emit auditAppended(changes.tenantId);
}

QFuture<Result<Actor>> SqlStore::resolveActor(const Actor& actor)
{
    return run<Result<Actor>>([actor](SqlRepository& repository) { return repository.resolveActor(actor); });
}

QFuture<Result<Actor>> SqlStore::signIn(const Actor& actor)
{
    return run<Result<Actor>>([this, actor](SqlRepository& repository) {
        ChangeSet changes;
        Result<Actor> signedIn = repository.signIn(actor, &changes);
        publish(changes);
        return signedIn;
    });
}

QFuture<Result<Page<AccessRequest>>> SqlStore::listRequests(const Actor& actor, const RequestQuery& query)
{
    return run<Result<Page<AccessRequest>>>(
        [actor, query](SqlRepository& repository) { return repository.listRequests(actor, query); });
}

QFuture<Result<AccessRequest>> SqlStore::request(const Actor& actor, const QString& idOrReference)
{
    return run<Result<AccessRequest>>(
        [actor, idOrReference](SqlRepository& repository) { return repository.request(actor, idOrReference); });
}

QFuture<Result<RequestSummary>> SqlStore::summary(const Actor& actor)
{
    return run<Result<RequestSummary>>([actor](SqlRepository& repository) { return repository.summary(actor); });
}

QFuture<Result<AccessRequest>> SqlStore::fileRequest(const Actor& actor, const NewRequest& request)
{
    return run<Result<AccessRequest>>([this, actor, request](SqlRepository& repository) {
        ChangeSet changes;
        Result<AccessRequest> filed = repository.fileRequest(actor, request, &changes);
        publish(changes);
        return filed;
    });
}

QFuture<Result<AccessRequest>>
SqlStore::perform(const Actor& actor, const QString& requestId, Action action, const QString& comment)
{
    return run<Result<AccessRequest>>([this, actor, requestId, action, comment](SqlRepository& repository) {
        ChangeSet changes;
        Result<AccessRequest> done = repository.perform(actor, requestId, action, comment, &changes);
        publish(changes);
        return done;
    });
}

QFuture<Result<AccessCheck>> SqlStore::checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId)
{
    return run<Result<AccessCheck>>([actor, engineer, tenantId](SqlRepository& repository) {
        return repository.checkAccess(actor, engineer, tenantId);
    });
}

QFuture<Result<TenantSettings>> SqlStore::settings(const Actor& actor)
{
    return run<Result<TenantSettings>>([actor](SqlRepository& repository) { return repository.settings(actor); });
}

QFuture<Result<TenantSettings>> SqlStore::updateSettings(const Actor& actor, const TenantSettings& wanted)
{
    return run<Result<TenantSettings>>([this, actor, wanted](SqlRepository& repository) {
        ChangeSet changes;
        Result<TenantSettings> updated = repository.updateSettings(actor, wanted, &changes);
        publish(changes);
        return updated;
    });
}

QFuture<Result<QList<RoleAssignment>>> SqlStore::roleAssignments(const Actor& actor)
{
    return run<Result<QList<RoleAssignment>>>(
        [actor](SqlRepository& repository) { return repository.roleAssignments(actor); });
}

QFuture<Result<QList<RoleAssignment>>> SqlStore::setRole(const Actor& actor, const RoleAssignment& assignment)
{
    return run<Result<QList<RoleAssignment>>>([this, actor, assignment](SqlRepository& repository) {
        ChangeSet changes;
        Result<QList<RoleAssignment>> updated = repository.setRole(actor, assignment, &changes);
        publish(changes);
        return updated;
    });
}

QFuture<Result<Page<AuditRecord>>> SqlStore::auditRecords(const Actor& actor, const AuditQuery& query)
{
    return run<Result<Page<AuditRecord>>>(
        [actor, query](SqlRepository& repository) { return repository.auditRecords(actor, query); });
}

QFuture<Result<AuditVerification>> SqlStore::verifyAudit(const Actor& actor)
{
    return run<Result<AuditVerification>>([actor](SqlRepository& repository) { return repository.verifyAudit(actor); });
}

QFuture<Result<int>> SqlStore::applyDueTransitions()
{
    return onWorker<Result<int>>([this]() -> Result<int> {
        if (!m_repository)
            return Error(Error::Code::Unavailable, tr("The store %1 is not open.").arg(location()));
        if (Status connected = m_repository->reconnectIfLost(); !connected)
            return connected.error();
        return sweep();
    });
}

QFuture<Status> SqlStore::createTenant(const TenantSettings& tenant, const RoleAssignment& firstAdmin)
{
    return run<Status>([this, tenant, firstAdmin](SqlRepository& repository) {
        ChangeSet changes;
        Status created = repository.createTenant(tenant, firstAdmin, &changes);
        publish(changes);
        return created;
    });
}

QFuture<Status> SqlStore::addOperatorStaff(const RoleAssignment& staff)
{
    return run<Status>([this, staff](SqlRepository& repository) {
        ChangeSet changes;
        Status added = repository.addOperatorStaff(staff, &changes);
        publish(changes);
        return added;
    });
}

namespace {

// Checked when an account does not exist, so that a wrong user name costs as long as a wrong
// password and sign-in does not tell which accounts exist.
const QString& dummyPasswordHash()
{
    static const QString hash = PasswordHasher::hash(QStringLiteral("lockbox-no-such-account")).value();
    return hash;
}

} // namespace

template <typename R, typename Work>
QFuture<R> SqlStore::runAccounts(Work work)
{
    return run<R>([this, work = std::move(work)](SqlRepository&) -> R { return work(*m_accounts); });
}

QFuture<Status> SqlStore::addAccount(const QString& tenantId, const QString& principal, const QString& password)
{
    // Hash on the global pool, then write on the worker; the caller gets one future for both.
    return QtConcurrent::run([this, tenantId, principal, password]() -> Status {
        Result<QString> hash = PasswordHasher::hash(password);
        if (!hash)
            return hash.error();
        return runAccounts<Status>([this, tenantId, principal, hash](AccountRepository& accounts) {
                   ChangeSet changes;
                   Status added = accounts.addAccount(tenantId, principal, *hash, &changes);
                   publish(changes);
                   return added;
               })
            .result();
    });
}

QFuture<Status> SqlStore::resetAccount(const QString& tenantId,
                                       const QString& principal,
                                       const std::optional<QString>& password,
                                       bool resetMfa)
{
    return QtConcurrent::run([this, tenantId, principal, password, resetMfa]() -> Status {
        std::optional<QString> hash;
        if (password) {
            Result<QString> hashed = PasswordHasher::hash(*password);
            if (!hashed)
                return hashed.error();
            hash = *hashed;
        }
        return runAccounts<Status>([this, tenantId, principal, hash, resetMfa](AccountRepository& accounts) {
                   ChangeSet changes;
                   Status reset = accounts.resetAccount(tenantId, principal, hash, resetMfa, &changes);
                   publish(changes);
                   return reset;
               })
            .result();
    });
}

QFuture<Result<AuthSession>> SqlStore::signInWithPassword(const SignInAttempt& attempt)
{
    return QtConcurrent::run([this, attempt]() -> Result<AuthSession> {
        Result<std::optional<StoredAccount>> stored
            = runAccounts<Result<std::optional<StoredAccount>>>([attempt](AccountRepository& accounts) {
                  return accounts.account(attempt.tenantId.trimmed(), attempt.principal);
              }).result();
        if (!stored)
            return stored.error();
        const bool exists = stored->has_value();
        const bool passwordOk
            = PasswordHasher::verify(exists ? (*stored)->passwordHash : dummyPasswordHash(), attempt.password)
            && exists;
        return runAccounts<Result<AuthSession>>([this, attempt, passwordOk](AccountRepository& accounts) {
                   ChangeSet changes;
                   Result<AuthSession> session = accounts.completeSignIn(attempt, passwordOk, &changes);
                   publish(changes);
                   return session;
               })
            .result();
    });
}

QFuture<Result<AuthSession>> SqlStore::authenticate(const QString& token)
{
    return runAccounts<Result<AuthSession>>(
        [token](AccountRepository& accounts) { return accounts.authenticate(token); });
}

QFuture<Result<AuthSession>> SqlStore::stepUp(const QString& token, const QString& code)
{
    return runAccounts<Result<AuthSession>>([this, token, code](AccountRepository& accounts) {
        ChangeSet changes;
        Result<AuthSession> session = accounts.stepUp(token, code, &changes);
        publish(changes);
        return session;
    });
}

QFuture<Result<MfaEnrolment>> SqlStore::enrolMfa(const QString& token)
{
    return runAccounts<Result<MfaEnrolment>>([this, token](AccountRepository& accounts) {
        ChangeSet changes;
        Result<MfaEnrolment> enrolment = accounts.enrolMfa(token, &changes);
        publish(changes);
        return enrolment;
    });
}

QFuture<Result<MfaEnrolment>> SqlStore::enrolMfa(const QString& tenantId, const QString& principal)
{
    return runAccounts<Result<MfaEnrolment>>([this, tenantId, principal](AccountRepository& accounts) {
        ChangeSet changes;
        Result<MfaEnrolment> enrolment = accounts.enrolMfa(tenantId, principal, &changes);
        publish(changes);
        return enrolment;
    });
}

QFuture<Status> SqlStore::signOut(const QString& token)
{
    return runAccounts<Status>([this, token](AccountRepository& accounts) {
        ChangeSet changes;
        Status done = accounts.signOut(token, &changes);
        publish(changes);
        return done;
    });
}

QFuture<Result<QList<AuditRecord>>> SqlStore::auditTail(qint64 afterSeq, int limit)
{
    return run<Result<QList<AuditRecord>>>(
        [afterSeq, limit](SqlRepository& repository) { return repository.auditTail(afterSeq, limit); });
}

QFuture<Result<qint64>> SqlStore::lastAuditSeq()
{
    return run<Result<qint64>>([](SqlRepository& repository) { return repository.lastAuditSeq(); });
}

} // namespace lockbox
