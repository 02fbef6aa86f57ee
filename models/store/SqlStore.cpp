#include "SqlStore.h"

#include "AccountRepository.h"
#include "SqlRepository.h"
#include "accounts/PasswordHasher.h"

#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <limits>

namespace lockbox {

struct SqlStore::Worker
{
    // One thread that never expires: the connection belongs to it.
    QThreadPool thread;
    std::unique_ptr<SqlRepository> repository;
    std::unique_ptr<AccountRepository> accounts; // over repository's connection
    std::atomic<int> queued {0};

    Worker()
    {
        thread.setMaxThreadCount(1);
        thread.setExpiryTimeout(-1);
    }
};

SqlStore::SqlStore(QString databasePath, std::shared_ptr<const Clock> clock, QObject* parent)
    : Store(parent)
    , m_path(std::move(databasePath))
    , m_clock(std::move(clock))
    , m_writer(std::make_unique<Worker>())
{
    m_uptime.start();
    setConnectionCount(1);
}

SqlStore::~SqlStore()
{
    // The writer first: what it still writes may hand decisions to the others.
    m_groupWrites = false;
    onWorker<bool>(*m_writer, [](Worker& self) {
        self.accounts.reset();
        self.repository.reset();
        return true;
    }).waitForFinished();
    for (const std::unique_ptr<Worker>& worker : m_workers) {
        onWorker<bool>(*worker, [](Worker& self) {
            self.accounts.reset();
            self.repository.reset();
            return true;
        }).waitForFinished();
    }
}

void SqlStore::setConnectionCount(int count)
{
    Q_ASSERT(std::none_of(
        m_workers.cbegin(), m_workers.cend(), [](const auto& worker) { return worker->repository != nullptr; }));
    m_connectionCount = std::clamp(count, 1, 32);
    m_workers.clear();
    for (int i = 0; i < m_connectionCount; ++i)
        m_workers.push_back(std::make_unique<Worker>());
}

template <typename R, typename Work>
QFuture<R> SqlStore::onWorker(Worker& worker, Work work)
{
    // A plain runnable fulfilling a promise: unlike QtConcurrent::run, a thread waiting on the
    // future cannot "steal" the task and run it on its own thread, away from the connection's.
    auto promise = std::make_shared<QPromise<R>>();
    QFuture<R> future = promise->future();
    promise->start();
    ++worker.queued;
    worker.thread.start([promise, &worker, work = std::move(work)]() mutable {
        promise->addResult(work(worker));
        --worker.queued;
        promise->finish();
    });
    return future;
}

SqlStore::Worker& SqlStore::idlestWorker()
{
    Worker* idlest = m_workers.front().get();
    for (const std::unique_ptr<Worker>& worker : m_workers) {
        if (worker->queued.load() < idlest->queued.load())
            idlest = worker.get();
    }
    return *idlest;
}

template <typename R, typename Work>
QFuture<R> SqlStore::onWorker(Work work)
{
    return onWorker<R>(idlestWorker(), std::move(work));
}

Status SqlStore::openWorker(Worker& worker)
{
    return onWorker<Status>(worker,
                            [this](Worker& self) -> Status {
                                auto repository = std::make_unique<SqlRepository>(m_path, m_clock);
                                if (m_endorser)
                                    repository->setEndorsementKey(*m_endorser);
                                repository->setAuditChainHead(m_auditHead);
                                if (Status opened = repository->open(); !opened)
                                    return opened;
                                self.repository = std::move(repository);
                                self.accounts = std::make_unique<AccountRepository>(*self.repository, m_clock);
                                return Status::success();
                            })
        .result();
}

QFuture<Status> SqlStore::open()
{
    // The first connection creates or migrates the schema; the others then only open it.
    return QtConcurrent::run([this]() -> Status {
        for (const std::unique_ptr<Worker>& worker : m_workers) {
            if (Status opened = openWorker(*worker); !opened) {
                for (const std::unique_ptr<Worker>& other : m_workers) {
                    onWorker<bool>(*other, [](Worker& self) {
                        self.accounts.reset();
                        self.repository.reset();
                        return true;
                    }).waitForFinished();
                }
                return opened;
            }
        }
        // A server database also gets a connection that writes decisions in groups (see
        // GroupCommit); without it (SQLite, or when it cannot open) each is written on its own.
        if (m_workers.front()->repository->isServer())
            m_groupWrites = openWorker(*m_writer).isOk();
        return Status::success();
    });
}

template <typename R, typename Work>
QFuture<R> SqlStore::run(Work work)
{
    return onWorker<R>([this, work = std::move(work)](Worker& worker) -> R {
        if (Status ready = readyForCall(worker, Sweep::IfDue); !ready)
            return ready.error();
        return work(*worker.repository);
    });
}

Status SqlStore::readyForCall(Worker& worker, Sweep due)
{
    if (!worker.repository)
        return Error(Error::Code::Unavailable, tr("The store %1 is not open.").arg(location()));
    worker.repository->trimStatements();
    if (Status connected = worker.repository->reconnectIfLost(); !connected)
        return connected;
    if (due == Sweep::IfDue) {
        if (Result<int> swept = sweep(worker); !swept)
            return swept.error();
    }
    return Status::success();
}

Result<int> SqlStore::sweep(Worker& worker, bool always)
{
    const bool maybeDue = always || m_nextDueStale.load() || m_clock->now().toMSecsSinceEpoch() >= m_nextDueMs.load()
        || m_uptime.elapsed() - m_nextDueReadAtMs.load() >= recheckMs;
    if (!maybeDue)
        return 0;
    {
        // Cleared before reading, so that a write committed meanwhile marks it stale again, or
        // brings forward what this sweep stores.
        QMutexLocker locker(&m_nextDueMutex);
        if (m_sweeping++ == 0)
            m_dueWhileSweeping = std::numeric_limits<qint64>::max();
        m_nextDueStale = false;
    }
    const qint64 readAt = m_uptime.elapsed();
    QList<ChangeSet> swept;
    std::optional<QDateTime> nextDue;
    Result<int> due = worker.repository->applyDueTransitions(&swept, &nextDue);
    {
        QMutexLocker locker(&m_nextDueMutex);
        --m_sweeping;
        if (!due) {
            m_nextDueStale = true;
            return due;
        }
        m_nextDueMs
            = std::min(nextDue ? nextDue->toMSecsSinceEpoch() : std::numeric_limits<qint64>::max(), m_dueWhileSweeping);
        m_nextDueReadAtMs = readAt;
    }
    for (ChangeSet changes : std::as_const(swept)) {
        // What the sweep changed is in the next due time it read afterwards.
        changes.nextDueKnown = true;
        changes.nextDue = QDateTime();
        publish(changes);
    }
    return due;
}

void SqlStore::publish(const ChangeSet& changes)
{
    if (!changes.requestIds.isEmpty()) {
        // A write that knows its requests' next due time only brings the cached one forward
        // (reading it again costs a query a write), and what a sweep reading meanwhile stores.
        QMutexLocker locker(&m_nextDueMutex);
        if (changes.nextDueKnown) {
            const qint64 dueMs
                = changes.nextDue.isValid() ? changes.nextDue.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
            m_nextDueMs = std::min(m_nextDueMs.load(), dueMs);
            if (m_sweeping > 0)
                m_dueWhileSweeping = std::min(m_dueWhileSweeping, dueMs);
        } else {
            m_nextDueStale = true;
        }
        locker.unlock();
        emit requestsChanged(changes.tenantId, changes.requestIds);
    }
    if (changes.settings)
        emit settingsChanged(changes.tenantId);
    if (changes.roles) {
        forgetSessions();
        emit rolesChanged(changes.tenantId);
    }
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

QFuture<Result<AccessRequest>> SqlStore::perform(const Actor& actor,
                                                 const QString& requestId,
                                                 Action action,
                                                 const QString& comment,
                                                 const DecisionSignature& signature)
{
    if (!m_groupWrites.load()) {
        return run<Result<AccessRequest>>(
            [this, actor, requestId, action, comment, signature](SqlRepository& repository) {
                ChangeSet changes;
                Result<AccessRequest> done = repository.perform(actor, requestId, action, comment, signature, &changes);
                publish(changes);
                return done;
            });
    }
    // Judged on a reading connection, which then goes on with other calls; written by the
    // writer in a group (or the whole way on a reading connection again, see writeDecisions).
    auto promise = std::make_shared<QPromise<Result<AccessRequest>>>();
    QFuture<Result<AccessRequest>> future = promise->future();
    promise->start();
    auto answer = [promise](const Result<AccessRequest>& done) {
        promise->addResult(done);
        promise->finish();
    };
    Worker& worker = idlestWorker();
    ++worker.queued;
    worker.thread.start([this, &worker, answer, actor, requestId, action, comment, signature]() {
        if (Status ready = readyForCall(worker, Sweep::IfDue); !ready) {
            answer(ready.error());
        } else if (std::optional<GroupCommit::Write> write
                   = worker.repository->judgeUncontended(actor, requestId, action, comment, signature)) {
            write->done = answer;
            if (m_groupCommit->submit(std::move(*write)))
                m_writer->thread.start([this]() { writeDecisions(); });
        } else {
            ChangeSet changes;
            Result<AccessRequest> done
                = worker.repository->performLocked(actor, requestId, action, comment, signature, &changes);
            publish(changes);
            answer(done);
        }
        --worker.queued;
    });
    return future;
}

void SqlStore::writeDecisions()
{
    for (QList<GroupCommit::Write> group = m_groupCommit->takeGroup(); !group.isEmpty();
         group = m_groupCommit->takeGroup()) {
        QList<GroupCommit::Write*> writes;
        for (GroupCommit::Write& write : group)
            writes.append(&write);
        if (readyForCall(*m_writer, Sweep::Not))
            m_writer->repository->writeGroup(writes);
        for (const GroupCommit::Write& write : std::as_const(group)) {
            if (write.outcomeUnknown) {
                write.done(m_writer->repository->unknownOutcome(write));
                continue;
            }
            if (write.written) {
                ChangeSet changes;
                const AccessRequest done = SqlRepository::writtenRequest(write, &changes);
                publish(changes);
                write.done(done);
                continue;
            }
            // Lost a race, numbered on a stale head, judged too long ago, or the writer's
            // connection failed: the whole way, judged again, on a reading connection.
            onWorker<bool>([this, write](Worker& worker) {
                if (Status ready = readyForCall(worker, Sweep::IfDue); !ready) {
                    write.done(ready.error());
                    return false;
                }
                ChangeSet changes;
                Result<AccessRequest> done = worker.repository->performLocked(
                    write.actor, write.requestId, write.action, write.comment, write.signature, &changes);
                publish(changes);
                write.done(done);
                return true;
            });
        }
    }
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

QFuture<Result<RegisteredKey>> SqlStore::registerSigningKey(const Actor& actor, const QByteArray& publicKey)
{
    return run<Result<RegisteredKey>>([this, actor, publicKey](SqlRepository& repository) {
        ChangeSet changes;
        Result<RegisteredKey> registered = repository.registerSigningKey(actor, publicKey, &changes);
        publish(changes);
        return registered;
    });
}

QFuture<Result<QList<RegisteredKey>>> SqlStore::signingKeys(const Actor& actor)
{
    return run<Result<QList<RegisteredKey>>>(
        [actor](SqlRepository& repository) { return repository.signingKeys(actor); });
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
    return onWorker<Result<int>>([this](Worker& worker) -> Result<int> {
        if (Status ready = readyForCall(worker, Sweep::Not); !ready)
            return ready.error();
        return sweep(worker, true);
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
    return onWorker<R>([this, work = std::move(work)](Worker& worker) -> R {
        if (Status ready = readyForCall(worker, Sweep::IfDue); !ready)
            return ready.error();
        return work(*worker.accounts);
    });
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
                   forgetSessions();
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

QFuture<Result<AuthSession>> SqlStore::authenticate(const QString& token, Freshness freshness)
{
    if (freshness == Freshness::Cached) {
        QMutexLocker locker(&m_sessionsMutex);
        const auto cached = m_sessions.constFind(token);
        if (cached != m_sessions.cend() && m_uptime.elapsed() - cached->cachedAtMs < recheckMs
            && cached->session.expiresAt > m_clock->now())
            return QtFuture::makeReadyFuture(Result<AuthSession>(cached->session));
    }
    return runAccounts<Result<AuthSession>>([this, token](AccountRepository& accounts) {
        Result<AuthSession> session = accounts.authenticate(token);
        if (session)
            rememberSession(token, *session);
        else
            forgetSessions(token);
        return session;
    });
}

QFuture<Result<AuthSession>> SqlStore::stepUp(const QString& token, const QString& code)
{
    return runAccounts<Result<AuthSession>>([this, token, code](AccountRepository& accounts) {
        ChangeSet changes;
        Result<AuthSession> session = accounts.stepUp(token, code, &changes);
        forgetSessions(token);
        publish(changes);
        return session;
    });
}

void SqlStore::rememberSession(const QString& token, const AuthSession& session)
{
    QMutexLocker locker(&m_sessionsMutex);
    if (m_sessions.size() >= maxCachedSessions)
        m_sessions.clear();
    m_sessions.insert(token, CachedSession {session, m_uptime.elapsed()});
}

void SqlStore::forgetSessions(const QString& token)
{
    QMutexLocker locker(&m_sessionsMutex);
    if (token.isEmpty())
        m_sessions.clear();
    else
        m_sessions.remove(token);
}

QFuture<Result<MfaEnrolment>> SqlStore::enrolMfa(const QString& token)
{
    return runAccounts<Result<MfaEnrolment>>([this, token](AccountRepository& accounts) {
        ChangeSet changes;
        Result<MfaEnrolment> enrolment = accounts.enrolMfa(token, &changes);
        forgetSessions(token);
        publish(changes);
        return enrolment;
    });
}

QFuture<Result<MfaEnrolment>> SqlStore::enrolMfa(const QString& tenantId, const QString& principal)
{
    return runAccounts<Result<MfaEnrolment>>([this, tenantId, principal](AccountRepository& accounts) {
        ChangeSet changes;
        Result<MfaEnrolment> enrolment = accounts.enrolMfa(tenantId, principal, &changes);
        forgetSessions();
        publish(changes);
        return enrolment;
    });
}

QFuture<Status> SqlStore::signOut(const QString& token)
{
    return runAccounts<Status>([this, token](AccountRepository& accounts) {
        ChangeSet changes;
        Status done = accounts.signOut(token, &changes);
        forgetSessions(token);
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

QFuture<Result<std::optional<ApproverNotice>>> SqlStore::claimApprovalNotice(const QString& requestId,
                                                                             ApproverNotice::Kind kind)
{
    return run<Result<std::optional<ApproverNotice>>>([this, requestId, kind](SqlRepository& repository) {
        ChangeSet changes;
        Result<std::optional<ApproverNotice>> notice = repository.claimApprovalNotice(requestId, kind, &changes);
        publish(changes);
        return notice;
    });
}

QFuture<Result<QList<ApproverNotice>>> SqlStore::claimExpiryWarnings(qint64 leadSeconds)
{
    return run<Result<QList<ApproverNotice>>>([this, leadSeconds](SqlRepository& repository) {
        QList<ChangeSet> changes;
        Result<QList<ApproverNotice>> notices = repository.claimExpiryWarnings(leadSeconds, &changes);
        for (const ChangeSet& change : std::as_const(changes))
            publish(change);
        return notices;
    });
}

} // namespace lockbox
