#include "TestServerDatabase.h"

#include "store/SqlConnection.h"
#include "store/SqlRepository.h"
#include "support/PostgresTestDatabase.h"
#include "support/PostgresTestServer.h"
#include "support/ResultAsserts.h"
#include "support/StoreFixture.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace lockbox;

#define FIXTURE(name) LOCKBOX_STORE_FIXTURE(name)

void TestServerDatabase::initTestCase()
{
    QVERIFY2(StoreFixture::usesPostgres(),
             "These tests need the PostgreSQL server that scripts/with-postgres.sh starts: run them as the ctest "
             "entry TestServerDatabase_postgres.");
}

void TestServerDatabase::processesOpeningANewServerDatabaseTogetherUpgradeItOnce()
{
    PostgresTestDatabase database;
    QString problem;
    QVERIFY2(database.create(&problem), qPrintable(problem));
    // Each store opens on a worker thread of its own, with its own connection, like processes.
    auto clock = std::make_shared<ManualClock>(StoreFixture::start);
    std::vector<std::unique_ptr<SqlStore>> stores;
    QList<QFuture<Status>> opened;
    for (int i = 0; i < 4; ++i) {
        stores.push_back(std::make_unique<SqlStore>(database.url(), clock));
        opened << stores.back()->open();
    }
    for (QFuture<Status>& open : opened)
        LOCKBOX_VERIFY_OK(open.result());
    TenantSettings tenant;
    tenant.tenantId = StoreFixture::contoso;
    LOCKBOX_VERIFY_OK(
        stores.front()
            ->createTenant(tenant, RoleAssignment {StoreFixture::contoso, StoreFixture::megan().principal})
            .result());
    for (const auto& store : stores)
        LOCKBOX_VERIFY_OK(store->settings(StoreFixture::megan()).result());
}

void TestServerDatabase::lostServerConnectionIsUnavailableUntilTheServerIsBack()
{
    FIXTURE(f);
    const QString id = f.pending();
    QVERIFY(!id.isEmpty());
    const QString database = QUrl(f.path()).path().mid(1);
    PostgresTestServer server; // starts the server again if the test stops half-way
    QString problem;
    QVERIFY2(server.stop(&problem), qPrintable(problem));

    // The connection is gone: said so, naming the database, on this call and on the next
    // (which tries to connect again).
    for (int call = 0; call < 2; ++call) {
        Result<AccessRequest> refused = f.store().request(StoreFixture::megan(), id).result();
        LOCKBOX_COMPARE_ERROR(refused, Error::Code::Unavailable);
        QVERIFY2(refused.error().message().contains(QStringLiteral("is unreachable"))
                     && refused.error().message().contains(QStringLiteral("/") + database),
                 qPrintable(refused.error().message()));
    }
    LOCKBOX_COMPARE_ERROR(f.approve(StoreFixture::lidia(), id).result(), Error::Code::Unavailable);

    QVERIFY2(server.start(&problem), qPrintable(problem));
    // pg_ctl waits until the server accepts connections; a few tries more allow for a slow start.
    Result<AccessRequest> back;
    QTRY_VERIFY_WITH_TIMEOUT((back = f.store().request(StoreFixture::megan(), id).result(),
                              back.isOk() || back.error().code() != Error::Code::Unavailable),
                             5000);
    LOCKBOX_VERIFY_OK(back);
    QCOMPARE(back->status, RequestStatus::Pending);
    Result<AccessRequest> approved = f.approve(StoreFixture::lidia(), id).result();
    LOCKBOX_VERIFY_OK(approved);
    QCOMPARE(approved->status, RequestStatus::Approved);
    Result<AuditVerification> verified = f.store().verifyAudit(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
}

void TestServerDatabase::processesTakingTurnsKeepOneAuditChain()
{
    // Each store remembers where it left the audit log, to write the next decision without
    // reading the log's end first. Here each store decides and then files, so when its turn comes
    // again the other store has written twice since: what it remembers is always stale.
    FIXTURE(f);
    std::unique_ptr<SqlStore> second = f.openSecondStore();
    QVERIFY(second);
    constexpr int requests = 8;
    QStringList ids;
    for (int i = 0; i < requests; ++i)
        ids << f.pending();
    QVERIFY(!ids.contains(QString()));
    for (int i = 0; i < requests; ++i) {
        SqlStore& deciding = i % 2 == 0 ? f.store() : *second;
        Result<AccessRequest> approved = deciding
                                             .perform(StoreFixture::lidia(),
                                                      ids[i],
                                                      Action::Approve,
                                                      {},
                                                      f.signature(StoreFixture::lidia(), ids[i], Action::Approve))
                                             .result();
        LOCKBOX_VERIFY_OK(approved);
        QCOMPARE(approved->status, RequestStatus::Approved);
        // And a write of another kind after it, by the same store.
        LOCKBOX_VERIFY_OK(deciding
                              .fileRequest(StoreFixture::engineer(),
                                           NewRequest {StoreFixture::contoso,
                                                       Workload::Exchange,
                                                       QStringLiteral("SR%1").arg(i),
                                                       QStringLiteral("Turn %1").arg(i),
                                                       QStringLiteral("Mailbox"),
                                                       30})
                              .result());
    }
    for (const QString& id : std::as_const(ids)) {
        Result<AccessRequest> stored = second->request(StoreFixture::megan(), id).result();
        LOCKBOX_VERIFY_OK(stored);
        QCOMPARE(stored->status, RequestStatus::Approved);
    }
    Result<AuditVerification> verified = f.store().verifyAudit(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
}

void TestServerDatabase::aLaterStatementFailingInOneRoundTripIsReported()
{
    PostgresTestDatabase database;
    QString problem;
    QVERIFY2(database.create(&problem), qPrintable(problem));
    SqlConnection connection(database.url());
    LOCKBOX_VERIFY_OK(connection.open());
    QSqlQuery query(connection.database());
    // The driver's exec() alone says yes: the first statement went through.
    QVERIFY(!connection.execAll(query, {QStringLiteral("SELECT 1"), QStringLiteral("SELECT 1 / 0")}));
    QCOMPARE(query.lastError().nativeErrorCode(), QStringLiteral("22012"));
    QVERIFY(connection.execAll(query, {QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")}));
}

void TestServerDatabase::decisionsAreWrittenInGroupsAndALoserDoesNotSinkTheOthers()
{
    FIXTURE(f);
    QStringList ids;
    for (int i = 0; i < 4; ++i)
        ids << f.pending();
    QVERIFY(!ids.contains(QString()));
    // The writer's own connection, as the store's group writer has.
    SqlRepository writer(f.path(), f.sharedClock());
    LOCKBOX_VERIFY_OK(writer.open());
    writer.setAuditChainHead(std::make_shared<AuditChainHead>());
    auto judged = [&](const QString& id) {
        return writer.judgeUncontended(
            StoreFixture::lidia(), id, Action::Approve, {}, f.signature(StoreFixture::lidia(), id, Action::Approve));
    };

    // Three judged together, written together.
    QList<GroupCommit::Write> group;
    for (int i = 0; i < 3; ++i) {
        std::optional<GroupCommit::Write> write = judged(ids[i]);
        QVERIFY(write);
        group << *write;
    }
    QList<GroupCommit::Write*> writes;
    for (GroupCommit::Write& write : group)
        writes << &write;
    QVERIFY(writer.writeGroup(writes)); // in one statement
    for (int i = 0; i < 3; ++i) {
        QVERIFY(group[i].written);
        Result<AccessRequest> stored = f.store().request(StoreFixture::megan(), ids[i]).result();
        LOCKBOX_VERIFY_OK(stored);
        QCOMPARE(stored->status, RequestStatus::Approved);
        QCOMPARE(stored->decisions.size(), 2); // the manager's, and Lidia's with her signature
        QVERIFY(!stored->decisions.last().signature.isEmpty());
    }

    // Two judged, then one of them denied by someone else before the group is written: the
    // other is still written, the loser is not; going the whole way, as the store then sends
    // it, it hears who won.
    std::optional<GroupCommit::Write> loser = judged(ids[3]);
    const QString lastId = f.pending();
    std::optional<GroupCommit::Write> winner = judged(lastId);
    QVERIFY(loser && winner);
    LOCKBOX_VERIFY_OK(f.deny(StoreFixture::megan(), ids[3], QStringLiteral("Not this one")).result());
    QVERIFY(!writer.writeGroup({&*loser, &*winner}));
    QVERIFY(!loser->written);
    QVERIFY(winner->written);
    ChangeSet changes;
    Result<AccessRequest> lost = writer.performLocked(loser->actor,
                                                      ids[3],
                                                      Action::Approve,
                                                      {},
                                                      f.signature(StoreFixture::lidia(), ids[3], Action::Approve),
                                                      &changes);
    LOCKBOX_COMPARE_ERROR(lost, Error::Code::Conflict);
    QVERIFY2(lost.error().message().contains(QStringLiteral("denied by megan@")), qPrintable(lost.error().message()));
    Result<AccessRequest> denied = f.store().request(StoreFixture::megan(), ids[3]).result();
    LOCKBOX_VERIFY_OK(denied);
    QCOMPARE(denied->status, RequestStatus::Denied);
    Result<AccessRequest> approved = f.store().request(StoreFixture::megan(), lastId).result();
    LOCKBOX_VERIFY_OK(approved);
    QCOMPARE(approved->status, RequestStatus::Approved);

    Result<AuditVerification> verified = f.store().verifyAudit(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
}

void TestServerDatabase::aGroupWhoseConnectionWentOnTheWayIsNotRetried()
{
    FIXTURE(f);
    const QString first = f.pending();
    const QString second = f.pending();
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    SqlConnection watcher(f.path());
    LOCKBOX_VERIFY_OK(watcher.open());
    auto backends = [&watcher]() {
        QSet<qint64> pids;
        QSqlQuery query(watcher.database());
        if (query.exec(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))) {
            while (query.next())
                pids.insert(query.value(0).toLongLong());
        }
        return pids;
    };
    const QSet<qint64> before = backends();
    SqlRepository writer(f.path(), f.sharedClock());
    LOCKBOX_VERIFY_OK(writer.open());
    writer.setAuditChainHead(std::make_shared<AuditChainHead>());
    const QSet<qint64> writers = backends() - before;
    QCOMPARE(writers.size(), 1);
    auto judged = [&](const QString& id) {
        return writer.judgeUncontended(
            StoreFixture::lidia(), id, Action::Approve, {}, f.signature(StoreFixture::lidia(), id, Action::Approve));
    };

    // A first decision prepares the group statement on the writer's connection, so the next one
    // goes out in a single round trip with nothing sent before it.
    std::optional<GroupCommit::Write> written = judged(first);
    std::optional<GroupCommit::Write> cut = judged(second);
    QVERIFY(written && cut);
    QVERIFY(writer.writeGroup({&*written}));

    // The server ends the writer's connection (as a restart or a network fault would) just
    // before the next group leaves: the writer cannot know whether the commit arrived, so it
    // neither says written nor tries again, and the approver is told to look again.
    QSqlQuery terminate(watcher.database());
    QVERIFY2(terminate.exec(QStringLiteral("SELECT pg_terminate_backend(%1, 5000)").arg(*writers.begin()))
                 && terminate.next() && terminate.value(0).toBool(),
             qPrintable(terminate.lastError().text()));
    QVERIFY(!writer.writeGroup({&*cut}));
    QVERIFY(cut->outcomeUnknown);
    QVERIFY(!cut->written);
    const Error unknown = writer.unknownOutcome(*cut);
    QCOMPARE(unknown.code(), Error::Code::Unavailable);
    QVERIFY2(unknown.message().contains(cut->current.reference)
                 && unknown.message().contains(QStringLiteral("may or may not")),
             qPrintable(unknown.message()));

    // Here it had not arrived: the request still waits, and the writer, connected again (as the
    // store does before its next call), writes it.
    Result<AccessRequest> stored = f.store().request(StoreFixture::megan(), second).result();
    LOCKBOX_VERIFY_OK(stored);
    QCOMPARE(stored->status, RequestStatus::Pending);
    LOCKBOX_VERIFY_OK(writer.reconnectIfLost());
    std::optional<GroupCommit::Write> again = judged(second);
    QVERIFY(again);
    QVERIFY(writer.writeGroup({&*again}));
    Result<AuditVerification> verified = f.store().verifyAudit(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
}
