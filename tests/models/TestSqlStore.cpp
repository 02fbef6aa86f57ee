#include "TestSqlStore.h"

#include "audit/AuditOperation.h"
#include "signing/DecisionSignature.h"
#include "signing/DecisionStatement.h"
#include "signing/KeyEndorsement.h"
#include "signing/SigningKey.h"
#include "support/ResultAsserts.h"
#include "support/StoreFixture.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace lockbox;

#define FIXTURE(name) LOCKBOX_STORE_FIXTURE(name)

namespace {

QStringList auditOperations(Store& store, const Actor& actor, const QString& requestId)
{
    AuditQuery query;
    query.requestId = requestId;
    query.limit = 100;
    Result<Page<AuditRecord>> page = store.auditRecords(actor, query).result();
    QStringList names;
    if (page) {
        for (const AuditRecord& record : page->items)
            names << record.operation;
    }
    return names;
}

} // namespace

void TestSqlStore::filedRequestRoundTripsEveryField()
{
    FIXTURE(f);
    NewRequest wanted {StoreFixture::contoso,
                       Workload::SharePoint,
                       QStringLiteral("SR2611249999"),
                       QStringLiteral("Diagnose broken permission inheritance, \"quoted\" and ünïcödé"),
                       QStringLiteral("Site https://contoso.sharepoint.com/sites/Finance"),
                       45};
    Result<AccessRequest> filed = f.store().fileRequest(StoreFixture::engineer(), wanted).result();
    LOCKBOX_VERIFY_OK(filed);
    Result<AccessRequest> read = f.store().request(StoreFixture::megan(), filed->reference).result();
    LOCKBOX_VERIFY_OK(read);
    QCOMPARE(read->id, filed->id);
    QVERIFY(!QUuid::fromString(read->id).isNull());
    QCOMPARE(read->tenantId, StoreFixture::contoso);
    QCOMPARE(read->workload, Workload::SharePoint);
    QCOMPARE(read->serviceRequest, wanted.serviceRequest);
    QCOMPARE(read->reason, wanted.reason);
    QCOMPARE(read->scope, wanted.scope);
    QCOMPARE(read->durationMinutes, 45);
    QCOMPARE(read->requester, StoreFixture::engineer().principal);
    QCOMPARE(read->created, StoreFixture::start);
    QCOMPARE(read->expires, StoreFixture::start.addSecs(12 * 3600));
    QCOMPARE(read->status, RequestStatus::Filed);

    f.clock().advanceSeconds(120);
    LOCKBOX_VERIFY_OK(f.store().perform(StoreFixture::manager(), filed->id, Action::ManagerApprove, {}).result());
    f.clock().advanceSeconds(120);
    Result<AccessRequest> approved = f.approve(StoreFixture::lidia(), filed->id, QStringLiteral("ok")).result();
    LOCKBOX_VERIFY_OK(approved);
    QCOMPARE(approved->status, RequestStatus::Approved);
    QCOMPARE(approved->manager, StoreFixture::manager().principal);
    QCOMPARE(approved->managerDecidedAt, StoreFixture::start.addSecs(120));
    QCOMPARE(approved->decidedBy, StoreFixture::lidia().principal);
    QCOMPARE(approved->decidedAt, StoreFixture::start.addSecs(240));
    QCOMPARE(approved->decisionComment, QStringLiteral("ok"));
    QCOMPARE(approved->accessFrom, StoreFixture::start.addSecs(240));
    QCOMPARE(approved->accessUntil, StoreFixture::start.addSecs(240 + 45 * 60));
    QCOMPARE(approved->decisions.size(), 2);
    QCOMPARE(approved->decisions.at(0).kind, Decision::Kind::ManagerApprove);
    QCOMPARE(approved->decisions.at(1).kind, Decision::Kind::Approve);
    QCOMPARE(approved->decisions.at(1).actorRole, Role::LockboxApprover);
    QCOMPARE(auditOperations(f.store(), StoreFixture::megan(), filed->id),
             (QStringList {AuditOperation::RequestFiled,
                           AuditOperation::ManagerApproved,
                           AuditOperation::RequestApproved,
                           AuditOperation::AccessWindowStarted}));
}

void TestSqlStore::referencesAreUniqueAndCarryTheWorkloadPrefix()
{
    FIXTURE(f);
    QSet<QString> references;
    for (Workload workload : workloads::all()) {
        NewRequest wanted {
            StoreFixture::contoso, workload, QStringLiteral("SR1"), QStringLiteral("r"), QStringLiteral("s"), 10};
        Result<AccessRequest> filed = f.store().fileRequest(StoreFixture::engineer(), wanted).result();
        LOCKBOX_VERIFY_OK(filed);
        QVERIFY2(filed->reference.startsWith(workloads::referencePrefix(workload)), qPrintable(filed->reference));
        references.insert(filed->reference);
    }
    QCOMPARE(references.size(), workloads::all().size());
}

void TestSqlStore::listFiltersByStatusAndSearch()
{
    FIXTURE(f);
    const QString pendingId = f.pending();
    const QString filedId = f.file();
    QVERIFY(!pendingId.isEmpty() && !filedId.isEmpty());
    RequestQuery query;
    query.statuses = {RequestStatus::Pending};
    Result<Page<AccessRequest>> pendingPage = f.store().listRequests(StoreFixture::adele(), query).result();
    LOCKBOX_VERIFY_OK(pendingPage);
    QCOMPARE(pendingPage->items.size(), 1);
    QCOMPARE(pendingPage->items.first().id, pendingId);
    QVERIFY(pendingPage->nextCursor.isEmpty());

    RequestQuery all;
    Result<Page<AccessRequest>> allPage = f.store().listRequests(StoreFixture::adele(), all).result();
    LOCKBOX_VERIFY_OK(allPage);
    QCOMPARE(allPage->items.size(), 2);

    Result<AccessRequest> filed = f.store().request(StoreFixture::adele(), filedId).result();
    LOCKBOX_VERIFY_OK(filed);
    RequestQuery search;
    search.search = filed->reference.toLower();
    Result<Page<AccessRequest>> found = f.store().listRequests(StoreFixture::adele(), search).result();
    LOCKBOX_VERIFY_OK(found);
    QCOMPARE(found->items.size(), 1);
    QCOMPARE(found->items.first().id, filedId);

    search.search = QStringLiteral("100%_sure");
    found = f.store().listRequests(StoreFixture::adele(), search).result();
    LOCKBOX_VERIFY_OK(found);
    QVERIFY(found->items.isEmpty());
}

void TestSqlStore::searchIgnoresCase()
{
    FIXTURE(f);
    const QString id = f.pending(); // reason "Troubleshoot mail flow delays", scope "Mailbox of joni@contoso.com"
    QVERIFY(!id.isEmpty());
    for (const QString& text : {QStringLiteral("MAIL FLOW"), QStringLiteral("troubleshoot"), QStringLiteral("Joni@")}) {
        RequestQuery search;
        search.search = text;
        Result<Page<AccessRequest>> found = f.store().listRequests(StoreFixture::adele(), search).result();
        LOCKBOX_VERIFY_OK(found);
        QCOMPARE(found->items.size(), 1);
        QCOMPARE(found->items.first().id, id);
    }
}

void TestSqlStore::listSortsAndPagesWithACursor_data()
{
    QTest::addColumn<int>("sortKey");
    QTest::addColumn<int>("order");
    QTest::newRow("duration ascending") << int(RequestQuery::SortKey::Duration) << int(Qt::AscendingOrder);
    QTest::newRow("duration descending") << int(RequestQuery::SortKey::Duration) << int(Qt::DescendingOrder);
    QTest::newRow("created descending") << int(RequestQuery::SortKey::Created) << int(Qt::DescendingOrder);
    QTest::newRow("reference ascending") << int(RequestQuery::SortKey::Reference) << int(Qt::AscendingOrder);
    QTest::newRow("expires ascending") << int(RequestQuery::SortKey::Expires) << int(Qt::AscendingOrder);
}

void TestSqlStore::listSortsAndPagesWithACursor()
{
    QFETCH(int, sortKey);
    QFETCH(int, order);
    FIXTURE(f);
    // Durations repeat so that ties are broken by id across page boundaries.
    const QList<int> durations = {30, 10, 240, 10, 60, 30, 1, 120};
    for (int minutes : durations) {
        f.clock().advanceSeconds(7);
        QVERIFY(!f.pending(minutes).isEmpty());
    }
    RequestQuery query;
    query.statuses = {RequestStatus::Pending};
    query.sortKey = RequestQuery::SortKey(sortKey);
    query.order = Qt::SortOrder(order);
    query.limit = 3;
    QList<AccessRequest> seen;
    int pages = 0;
    do {
        Result<Page<AccessRequest>> page = f.store().listRequests(StoreFixture::megan(), query).result();
        LOCKBOX_VERIFY_OK(page);
        QVERIFY(page->items.size() <= 3);
        seen += page->items;
        query.cursor = page->nextCursor;
        ++pages;
    } while (!query.cursor.isEmpty() && pages < 10);
    QCOMPARE(seen.size(), durations.size());
    QCOMPARE(pages, 3);
    QSet<QString> ids;
    for (const AccessRequest& request : seen)
        ids.insert(request.id);
    QCOMPARE(ids.size(), durations.size());
    auto key = [&](const AccessRequest& r) -> QVariant {
        switch (RequestQuery::SortKey(sortKey)) {
        case RequestQuery::SortKey::Duration:
            return r.durationMinutes;
        case RequestQuery::SortKey::Reference:
            return r.reference;
        case RequestQuery::SortKey::Expires:
            return r.expires.toMSecsSinceEpoch();
        default:
            return r.created.toMSecsSinceEpoch();
        }
    };
    for (qsizetype i = 1; i < seen.size(); ++i) {
        const QVariant previous = key(seen.at(i - 1));
        const QVariant current = key(seen.at(i));
        const int cmp = QVariant::compare(previous, current) == QPartialOrdering::Less ? -1
            : QVariant::compare(previous, current) == QPartialOrdering::Greater        ? 1
                                                                                       : 0;
        if (order == Qt::AscendingOrder)
            QVERIFY2(cmp <= 0, qPrintable(QStringLiteral("row %1 out of order").arg(i)));
        else
            QVERIFY2(cmp >= 0, qPrintable(QStringLiteral("row %1 out of order").arg(i)));
    }
}

void TestSqlStore::badCursorIsRefused()
{
    FIXTURE(f);
    RequestQuery query;
    query.cursor = QStringLiteral("not-a-cursor");
    LOCKBOX_COMPARE_ERROR(f.store().listRequests(StoreFixture::megan(), query).result(), Error::Code::InvalidInput);
    query.cursor.clear();
    query.limit = 0;
    LOCKBOX_COMPARE_ERROR(f.store().listRequests(StoreFixture::megan(), query).result(), Error::Code::InvalidInput);
}

void TestSqlStore::readerCannotApproveAndTheRefusalIsAudited()
{
    FIXTURE(f);
    const QString id = f.pending();
    Result<AccessRequest> refused = f.approve(StoreFixture::adele(), id).result();
    LOCKBOX_COMPARE_ERROR(refused, Error::Code::PermissionDenied);
    QVERIFY(refused.error().message().contains(QStringLiteral("Reader")));
    Result<AccessRequest> still = f.store().request(StoreFixture::megan(), id).result();
    LOCKBOX_VERIFY_OK(still);
    QCOMPARE(still->status, RequestStatus::Pending);
    QVERIFY(auditOperations(f.store(), StoreFixture::megan(), id).contains(AuditOperation::ActionRefused));
}

void TestSqlStore::claimedRoleIsIgnored()
{
    FIXTURE(f);
    const QString id = f.pending();
    Actor pretending = StoreFixture::adele();
    pretending.role = Role::GlobalAdministrator;
    LOCKBOX_COMPARE_ERROR(f.approve(pretending, id).result(), Error::Code::PermissionDenied);
    Actor stranger {QStringLiteral("eve@contoso.com"), StoreFixture::contoso, Role::GlobalAdministrator};
    LOCKBOX_COMPARE_ERROR(f.approve(stranger, id).result(), Error::Code::PermissionDenied);
    Actor fakeSystem {QStringLiteral("eve@contoso.com"), StoreFixture::contoso, Role::System};
    LOCKBOX_COMPARE_ERROR(f.approve(fakeSystem, id).result(), Error::Code::PermissionDenied);
}

void TestSqlStore::anotherTenantsRequestIsInvisible()
{
    FIXTURE(f);
    const QString id = f.pending();
    // Another tenant's request reads exactly like one that does not exist.
    Result<AccessRequest> foreign = f.store().request(StoreFixture::nestor(), id).result();
    Result<AccessRequest> missing = f.store().request(StoreFixture::nestor(), QStringLiteral("no-such-id")).result();
    LOCKBOX_COMPARE_ERROR(foreign, Error::Code::NotFound);
    LOCKBOX_COMPARE_ERROR(missing, Error::Code::NotFound);
    QCOMPARE(foreign.error().message(), missing.error().message().replace(QStringLiteral("no-such-id"), id));
    Result<AccessRequest> foreignApproval = f.approve(StoreFixture::nestor(), id).result();
    LOCKBOX_COMPARE_ERROR(foreignApproval, Error::Code::NotFound);
    QCOMPARE(foreignApproval.error().message(), foreign.error().message());
    Result<Page<AccessRequest>> list = f.store().listRequests(StoreFixture::nestor(), RequestQuery {}).result();
    LOCKBOX_VERIFY_OK(list);
    QVERIFY(list->items.isEmpty());
    AuditQuery audit;
    Result<Page<AuditRecord>> records = f.store().auditRecords(StoreFixture::nestor(), audit).result();
    LOCKBOX_VERIFY_OK(records);
    for (const AuditRecord& record : records->items)
        QCOMPARE(record.tenantId, StoreFixture::fabrikam);
    // The refused attempt is in Nestor's log, naming only what he typed (here the id he guessed),
    // never the request's reference or anything else of Contoso's.
    const Result<AccessRequest> contosoRequest = f.store().request(StoreFixture::megan(), id).result();
    LOCKBOX_VERIFY_OK(contosoRequest);
    bool refusalLogged = false;
    for (const AuditRecord& record : records->items) {
        if (record.operation == AuditOperation::ActionRefused)
            refusalLogged = true;
        const QString text = QString::fromUtf8(QJsonDocument(record.toJson()).toJson());
        QVERIFY2(!text.contains(contosoRequest->reference) && !text.contains(StoreFixture::contoso)
                     && !text.contains(id),
                 qPrintable(text));
    }
    QVERIFY(refusalLogged);
}

void TestSqlStore::approveAfterExpiryIsRefusedAndTheRequestExpires()
{
    FIXTURE(f);
    const QString id = f.pending();
    f.clock().advanceSeconds(12 * 3600);
    Result<AccessRequest> refused = f.approve(StoreFixture::lidia(), id).result();
    LOCKBOX_COMPARE_ERROR(refused, Error::Code::Expired);
    QVERIFY2(refused.error().message().contains(QStringLiteral("expired at 2026-11-24 20:00 UTC")),
             qPrintable(refused.error().message()));
    Result<AccessRequest> after = f.store().request(StoreFixture::megan(), id).result();
    LOCKBOX_VERIFY_OK(after);
    QCOMPARE(after->status, RequestStatus::Expired);
    QVERIFY(!after->accessFrom.isValid());
    const QStringList operations = auditOperations(f.store(), StoreFixture::megan(), id);
    QVERIFY(operations.contains(AuditOperation::RequestExpired));
    QVERIFY(operations.contains(AuditOperation::ActionRefused));
}

void TestSqlStore::windowEndsOnTheStoreClock()
{
    FIXTURE(f);
    const QString id = f.pending(30);
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), id).result());
    f.clock().advanceSeconds(29 * 60);
    Result<AccessCheck> inside
        = f.store()
              .checkAccess(StoreFixture::manager(), StoreFixture::engineer().principal, StoreFixture::contoso)
              .result();
    LOCKBOX_VERIFY_OK(inside);
    QVERIFY(inside->allowed);
    QCOMPARE(inside->until, StoreFixture::start.addSecs(30 * 60));
    f.clock().advanceSeconds(60);
    Result<AccessCheck> after
        = f.store()
              .checkAccess(StoreFixture::manager(), StoreFixture::engineer().principal, StoreFixture::contoso)
              .result();
    LOCKBOX_VERIFY_OK(after);
    QVERIFY(!after->allowed);
    Result<AccessRequest> done = f.store().request(StoreFixture::megan(), id).result();
    LOCKBOX_VERIFY_OK(done);
    QCOMPARE(done->status, RequestStatus::Completed);
    QVERIFY(auditOperations(f.store(), StoreFixture::megan(), id).contains(AuditOperation::AccessWindowEnded));
}

void TestSqlStore::settingOffApprovesAutomatically()
{
    FIXTURE(f);
    Result<TenantSettings> settings = f.store().settings(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(settings);
    QVERIFY(settings->requireApproval);
    TenantSettings off = *settings;
    off.requireApproval = false;
    LOCKBOX_COMPARE_ERROR(f.store().updateSettings(StoreFixture::lidia(), off).result(), Error::Code::PermissionDenied);
    Result<TenantSettings> changed = f.store().updateSettings(StoreFixture::megan(), off).result();
    LOCKBOX_VERIFY_OK(changed);
    QVERIFY(!changed->requireApproval);
    QCOMPARE(changed->changedBy, StoreFixture::megan().principal);

    const QString id = f.file();
    Result<AccessRequest> approved
        = f.store().perform(StoreFixture::manager(), id, Action::ManagerApprove, {}).result();
    LOCKBOX_VERIFY_OK(approved);
    QCOMPARE(approved->status, RequestStatus::Approved);
    QCOMPARE(approved->decidedBy, QStringLiteral("system"));
    QVERIFY(auditOperations(f.store(), StoreFixture::megan(), id).contains(AuditOperation::RequestAutoApproved));

    off.requireApproval = true;
    LOCKBOX_VERIFY_OK(f.store().updateSettings(StoreFixture::megan(), off).result());
    const QString next = f.pending();
    QVERIFY2(!next.isEmpty(), "with the setting on again, a manager-approved request waits for the customer");
}

void TestSqlStore::staleSettingsChangeIsRefused()
{
    FIXTURE(f);
    RoleAssignment secondAdmin {StoreFixture::contoso, StoreFixture::diego().principal, {}, Role::GlobalAdministrator};
    LOCKBOX_VERIFY_OK(f.store().setRole(StoreFixture::megan(), secondAdmin).result());
    const TenantSettings loadedByMegan = *f.store().settings(StoreFixture::megan()).result();
    f.clock().advanceSeconds(30);
    TenantSettings diegosChange = *f.store().settings(StoreFixture::diego()).result();
    diegosChange.approvalsRequired = 2;
    LOCKBOX_VERIFY_OK(f.store().updateSettings(StoreFixture::diego(), diegosChange).result());

    TenantSettings megansChange = loadedByMegan;
    megansChange.requireApproval = false;
    Result<TenantSettings> refused = f.store().updateSettings(StoreFixture::megan(), megansChange).result();
    LOCKBOX_COMPARE_ERROR(refused, Error::Code::Conflict);
    QVERIFY2(refused.error().message().contains(StoreFixture::diego().principal),
             qPrintable(refused.error().message()));
    const TenantSettings now = *f.store().settings(StoreFixture::megan()).result();
    QCOMPARE(now.approvalsRequired, 2); // Diego's change stands
    QVERIFY(now.requireApproval);
}

void TestSqlStore::twoApproversAreNeededWhenThePolicySaysSo()
{
    FIXTURE(f);
    TenantSettings two = *f.store().settings(StoreFixture::megan()).result();
    two.approvalsRequired = 2;
    LOCKBOX_VERIFY_OK(f.store().updateSettings(StoreFixture::megan(), two).result());
    const QString id = f.pending();
    Result<AccessRequest> first = f.approve(StoreFixture::lidia(), id).result();
    LOCKBOX_VERIFY_OK(first);
    QCOMPARE(first->status, RequestStatus::Pending);
    QCOMPARE(first->approvalsCount, 1);
    LOCKBOX_COMPARE_ERROR(f.approve(StoreFixture::lidia(), id).result(), Error::Code::Conflict);
    f.clock().advanceSeconds(60);
    Result<AccessRequest> second = f.approve(StoreFixture::diego(), id).result();
    LOCKBOX_VERIFY_OK(second);
    QCOMPARE(second->status, RequestStatus::Approved);
    QCOMPARE(second->approvalsCount, 2);
    QCOMPARE(second->accessFrom, StoreFixture::start.addSecs(60));

    // What a decision answers is what the store now holds: a caller may show it as is.
    const AccessRequest stored = *f.store().request(StoreFixture::megan(), id).result();
    QCOMPARE(second->version, stored.version);
    QCOMPARE(second->decidedBy, stored.decidedBy);
    QCOMPARE(second->decidedAt, stored.decidedAt);
    QCOMPARE(second->accessUntil, stored.accessUntil);
    QCOMPARE(second->expires, stored.expires);
    QCOMPARE(second->decisions.size(), stored.decisions.size());
    for (qsizetype i = 0; i < stored.decisions.size(); ++i) {
        const Decision& answered = second->decisions.at(i);
        const Decision& kept = stored.decisions.at(i);
        QCOMPARE(answered.kind, kept.kind);
        QCOMPARE(answered.actor, kept.actor);
        QCOMPARE(answered.actorRole, kept.actorRole);
        QCOMPARE(answered.at, kept.at);
        QCOMPARE(answered.comment, kept.comment);
        QCOMPARE(answered.signingKey, kept.signingKey);
        QCOMPARE(answered.signedAt, kept.signedAt);
        QCOMPARE(answered.signature, kept.signature);
    }
}

void TestSqlStore::twoConnectionsRacingExactlyOneWins()
{
    FIXTURE(f);
    constexpr int requests = 25;
    QStringList ids;
    for (int i = 0; i < requests; ++i)
        ids << f.pending();
    QVERIFY(!ids.contains(QString()));
    std::unique_ptr<SqlStore> second = f.openSecondStore();
    QVERIFY(second);

    // Both connections queue every decision at once; their worker threads race in the database.
    QList<QFuture<Result<AccessRequest>>> approvals;
    QList<QFuture<Result<AccessRequest>>> denials;
    for (const QString& id : std::as_const(ids)) {
        approvals << f.approve(StoreFixture::lidia(), id);
        denials << second->perform(StoreFixture::megan(),
                                   id,
                                   Action::Deny,
                                   QStringLiteral("Not now"),
                                   f.signature(StoreFixture::megan(), id, Action::Deny));
    }
    int approvedWins = 0;
    int deniedWins = 0;
    for (int i = 0; i < requests; ++i) {
        Result<AccessRequest> approval = approvals[i].result();
        Result<AccessRequest> denial = denials[i].result();
        QVERIFY2(approval.isOk() != denial.isOk(),
                 qPrintable(QStringLiteral("request %1: exactly one must win").arg(i)));
        const Result<AccessRequest>& loser = approval.isOk() ? denial : approval;
        const QString winner = approval.isOk() ? StoreFixture::lidia().principal : StoreFixture::megan().principal;
        QVERIFY2(loser.error().code() == Error::Code::Conflict && loser.error().message().contains(winner),
                 qPrintable(loser.error().message()));
        (approval.isOk() ? approvedWins : deniedWins) += 1;
        Result<AccessRequest> stored = f.store().request(StoreFixture::megan(), ids[i]).result();
        LOCKBOX_VERIFY_OK(stored);
        QCOMPARE(stored->status, approval.isOk() ? RequestStatus::Approved : RequestStatus::Denied);
        QCOMPARE(stored->decisions.size(), 2); // the manager's and the winner's, nothing overwritten
    }
    QCOMPARE(approvedWins + deniedWins, requests);
    Result<AuditVerification> verified = f.store().verifyAudit(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
}

void TestSqlStore::summaryCountsWhatHomeShows()
{
    FIXTURE(f);
    const QString open = f.pending(240);
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), open).result());
    const QString denied = f.pending();
    LOCKBOX_VERIFY_OK(f.deny(StoreFixture::lidia(), denied, QStringLiteral("No")).result());
    QVERIFY(!f.pending().isEmpty());
    f.clock().advanceSeconds(11 * 3600 + 30 * 60); // the first pending ones are now within the hour
    QVERIFY(!f.pending().isEmpty());
    Result<RequestSummary> summary = f.store().summary(StoreFixture::adele()).result();
    LOCKBOX_VERIFY_OK(summary);
    QCOMPARE(summary->pending, 2);
    QCOMPARE(summary->expiringWithinHour, 1);
    QCOMPARE(summary->decidedToday, 2);
    QCOMPARE(summary->windowsOpen, 0); // the 4-hour window has ended
}

void TestSqlStore::rolesAreManagedByGlobalAdminsOnly()
{
    FIXTURE(f);
    RoleAssignment newApprover {StoreFixture::contoso,
                                QStringLiteral("Pradeep@Contoso.com"),
                                QStringLiteral("Pradeep Gupta"),
                                Role::LockboxApprover};
    LOCKBOX_COMPARE_ERROR(f.store().setRole(StoreFixture::lidia(), newApprover).result(),
                          Error::Code::PermissionDenied);
    Result<QList<RoleAssignment>> after = f.store().setRole(StoreFixture::megan(), newApprover).result();
    LOCKBOX_VERIFY_OK(after);
    auto held = std::find_if(after->cbegin(), after->cend(), [](const RoleAssignment& a) {
        return a.principal == QLatin1String("pradeep@contoso.com");
    });
    QVERIFY(held != after->cend());
    QCOMPARE(held->role, Role::LockboxApprover);
    QCOMPARE(held->assignedBy, StoreFixture::megan().principal);
    Result<Actor> resolved
        = f.store().resolveActor(Actor {QStringLiteral("pradeep@contoso.com"), StoreFixture::contoso}).result();
    LOCKBOX_VERIFY_OK(resolved);
    QCOMPARE(resolved->role, Role::LockboxApprover);

    newApprover.role = Role::None;
    LOCKBOX_VERIFY_OK(f.store().setRole(StoreFixture::megan(), newApprover).result());
    LOCKBOX_COMPARE_ERROR(
        f.store().resolveActor(Actor {QStringLiteral("pradeep@contoso.com"), StoreFixture::contoso}).result(),
        Error::Code::PermissionDenied);
    AuditQuery query;
    query.operation = AuditOperation::RoleRemoved;
    Result<Page<AuditRecord>> removed = f.store().auditRecords(StoreFixture::megan(), query).result();
    LOCKBOX_VERIFY_OK(removed);
    QCOMPARE(removed->items.size(), 1);
    QCOMPARE(removed->items.first().details.value(QStringLiteral("principal")).toString(),
             QStringLiteral("pradeep@contoso.com"));
}

void TestSqlStore::requestsChangedIsEmittedAfterADecision()
{
    FIXTURE(f);
    const QString id = f.pending();
    QSignalSpy spy(&f.store(), &Store::requestsChanged);
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), id).result());
    QTRY_VERIFY(!spy.isEmpty());
    QCOMPARE(spy.last().at(0).toString(), StoreFixture::contoso);
    QVERIFY(spy.last().at(1).toStringList().contains(id));
}

void TestSqlStore::questionThreadIsKeptAndAudited()
{
    FIXTURE(f);
    const QString id = f.pending();
    const QDateTime expires = f.store().request(StoreFixture::megan(), id).result()->expires;
    f.clock().advanceSeconds(600);
    Result<AccessRequest> asked
        = f.store().perform(StoreFixture::lidia(), id, Action::Ask, QStringLiteral("Which mailbox exactly?")).result();
    LOCKBOX_VERIFY_OK(asked);
    QVERIFY(asked->informationRequested);
    QCOMPARE(asked->expires, expires);
    // An engineer cannot ask; the one who filed it answers.
    LOCKBOX_COMPARE_ERROR(
        f.store().perform(StoreFixture::engineer(), id, Action::Ask, QStringLiteral("Me asking?")).result(),
        Error::Code::PermissionDenied);
    f.clock().advanceSeconds(300);
    Result<AccessRequest> answered
        = f.store().perform(StoreFixture::engineer(), id, Action::Answer, QStringLiteral("joni@contoso.com")).result();
    LOCKBOX_VERIFY_OK(answered);
    QVERIFY(!answered->informationRequested);

    // The thread reads back in order, with who and when, and the list shows the flag.
    const AccessRequest read = *f.store().request(StoreFixture::megan(), id).result();
    QList<Decision> thread;
    for (const Decision& step : read.decisions) {
        if (step.kind == Decision::Kind::Question || step.kind == Decision::Kind::Answer)
            thread.append(step);
    }
    QCOMPARE(thread.size(), 2);
    QCOMPARE(thread.at(0).actor, StoreFixture::lidia().principal);
    QCOMPARE(thread.at(0).comment, QStringLiteral("Which mailbox exactly?"));
    QCOMPARE(thread.at(0).at, StoreFixture::start.addSecs(600));
    QCOMPARE(thread.at(1).actor, StoreFixture::engineer().principal);
    QCOMPARE(thread.at(1).at, StoreFixture::start.addSecs(900));
    const QStringList operations = auditOperations(f.store(), StoreFixture::megan(), id);
    QVERIFY(operations.contains(AuditOperation::QuestionAsked));
    QVERIFY(operations.contains(AuditOperation::QuestionAnswered));

    LOCKBOX_VERIFY_OK(
        f.store().perform(StoreFixture::lidia(), id, Action::Ask, QStringLiteral("And the time zone?")).result());
    RequestQuery pending;
    pending.statuses = {RequestStatus::Pending};
    Result<Page<AccessRequest>> listed = f.store().listRequests(StoreFixture::megan(), pending).result();
    LOCKBOX_VERIFY_OK(listed);
    QCOMPARE(listed->items.size(), 1);
    QVERIFY(listed->items.first().informationRequested);
    LOCKBOX_VERIFY_OK(f.store().verifyAudit(StoreFixture::megan()).result());
}

void TestSqlStore::escalationFollowsTheStoreClockOnce()
{
    FIXTURE(f);
    QVERIFY(f.changeSettings([](TenantSettings& settings) {
        settings.backupApprovers = {StoreFixture::diego().principal};
        settings.escalationLeadMinutes = 60;
    }));
    QCOMPARE(f.store().settings(StoreFixture::lidia()).result()->backupApprovers,
             QStringList {StoreFixture::diego().principal});
    const QString id = f.pending();
    const AccessRequest before = *f.store().request(StoreFixture::megan(), id).result();
    QCOMPARE(before.escalateAt, before.expires.addSecs(-3600));

    f.clock().set(before.escalateAt.addSecs(-1));
    QCOMPARE(*f.store().applyDueTransitions().result(), 0);
    f.clock().set(before.escalateAt);
    QCOMPARE(*f.store().applyDueTransitions().result(), 1);
    const AccessRequest escalated = *f.store().request(StoreFixture::megan(), id).result();
    QCOMPARE(escalated.status, RequestStatus::Pending);
    QCOMPARE(escalated.escalatedAt, before.escalateAt);
    f.clock().advanceSeconds(60);
    QCOMPARE(*f.store().applyDueTransitions().result(), 0);
    QCOMPARE(auditOperations(f.store(), StoreFixture::megan(), id).count(AuditOperation::RequestEscalated), 1);
    // The escalated request is still decided as usual.
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::diego(), id).result());
}

void TestSqlStore::twoApproversCompletingTheLastSlotExactlyOneCompletes()
{
    FIXTURE(f);
    QVERIFY(f.changeSettings([](TenantSettings& settings) { settings.approvalsRequired = 2; }));
    constexpr int requests = 20;
    QStringList ids;
    for (int i = 0; i < requests; ++i) {
        ids << f.pending();
        LOCKBOX_VERIFY_OK(f.approve(StoreFixture::diego(), ids.last()).result());
    }
    QVERIFY(!ids.contains(QString()));
    std::unique_ptr<SqlStore> second = f.openSecondStore();
    QVERIFY(second);

    // One slot is left on each; two approvers take it at once through two connections.
    QList<QFuture<Result<AccessRequest>>> lidias;
    QList<QFuture<Result<AccessRequest>>> megans;
    for (const QString& id : std::as_const(ids)) {
        lidias << f.approve(StoreFixture::lidia(), id);
        megans << second->perform(
            StoreFixture::megan(), id, Action::Approve, {}, f.signature(StoreFixture::megan(), id, Action::Approve));
    }
    for (int i = 0; i < requests; ++i) {
        const Result<AccessRequest> lidia = lidias[i].result();
        const Result<AccessRequest> megan = megans[i].result();
        QVERIFY2(lidia.isOk() != megan.isOk(), qPrintable(QStringLiteral("request %1: exactly one completes").arg(i)));
        const Result<AccessRequest>& loser = lidia.isOk() ? megan : lidia;
        const QString winner = lidia.isOk() ? StoreFixture::lidia().principal : StoreFixture::megan().principal;
        LOCKBOX_COMPARE_ERROR(loser, Error::Code::Conflict);
        QVERIFY2(loser.error().message().contains(winner), qPrintable(loser.error().message()));
        const AccessRequest stored = *f.store().request(StoreFixture::megan(), ids[i]).result();
        QCOMPARE(stored.status, RequestStatus::Approved);
        QCOMPARE(stored.approvalsCount, 2);
        QCOMPARE(stored.decidedBy, winner);
        QVERIFY(stored.hasApprovalFrom(StoreFixture::diego().principal) && stored.hasApprovalFrom(winner));
    }
    Result<AuditVerification> verified = f.store().verifyAudit(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
}

void TestSqlStore::approversRegisterTheirSigningKeys()
{
    FIXTURE(f);
    const SigningKey lidias = *SigningKey::generate();
    Result<RegisteredKey> registered = f.store().registerSigningKey(StoreFixture::lidia(), lidias.publicKey()).result();
    LOCKBOX_VERIFY_OK(registered);
    QCOMPARE(registered->principal, StoreFixture::lidia().principal);
    QCOMPARE(registered->fingerprint, lidias.fingerprint());
    QCOMPARE(registered->registeredAt, StoreFixture::start);
    // Again: the same key, nothing new, no second record.
    LOCKBOX_VERIFY_OK(f.store().registerSigningKey(StoreFixture::lidia(), lidias.publicKey()).result());
    // Someone else's key, a reader, and a key of the wrong size are refused.
    LOCKBOX_COMPARE_ERROR(f.store().registerSigningKey(StoreFixture::megan(), lidias.publicKey()).result(),
                          Error::Code::Conflict);
    LOCKBOX_COMPARE_ERROR(
        f.store().registerSigningKey(StoreFixture::adele(), SigningKey::generate()->publicKey()).result(),
        Error::Code::PermissionDenied);
    LOCKBOX_COMPARE_ERROR(f.store().registerSigningKey(StoreFixture::lidia(), QByteArray(31, 'k')).result(),
                          Error::Code::InvalidInput);

    Result<QList<RegisteredKey>> keys = f.store().signingKeys(StoreFixture::adele()).result();
    LOCKBOX_VERIFY_OK(keys);
    QCOMPARE(keys->size(), 1);
    QCOMPARE(keys->first().publicKey, lidias.publicKey());
    // Another tenant sees none of them.
    QVERIFY(f.store().signingKeys(StoreFixture::nestor()).result()->isEmpty());

    AuditQuery query;
    query.operation = AuditOperation::SigningKeyRegistered;
    Result<Page<AuditRecord>> audited = f.store().auditRecords(StoreFixture::megan(), query).result();
    LOCKBOX_VERIFY_OK(audited);
    QCOMPARE(audited->items.size(), 1);
    QCOMPARE(audited->items.first().details.value(QStringLiteral("fingerprint")).toString(), lidias.fingerprint());
    QCOMPARE(audited->items.first().details.value(QStringLiteral("publicKey")).toString(),
             QString::fromLatin1(lidias.publicKey().toBase64()));
}

// lockboxd endorses the keys it registers; someone who writes the database directly (here with a
// store of their own that endorses nothing, as `lockboxctl --store` on the service's database would)
// can add a key in an approver's name and approve with it, but the endorsing store counts neither.
void TestSqlStore::aKeyAddedOutsideTheEndorsingStoreGrantsNothing()
{
    LOCKBOX_SERVICE_STORE_FIXTURE(f);
    const QString genuine = f.pending(30);
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), genuine).result());
    const Result<QList<RegisteredKey>> endorsed = f.store().signingKeys(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(endorsed);
    QCOMPARE(endorsed->size(), 1);
    QVERIFY(endorsed->first().trusted);
    QVERIFY(KeyEndorsement::verify(f.endorsementKey().publicKey(), endorsed->first()));

    SqlStore outside(f.path(), f.sharedClock());
    LOCKBOX_VERIFY_OK(outside.open().result());
    const SigningKey forger = *SigningKey::generate();
    LOCKBOX_VERIFY_OK(outside.registerSigningKey(StoreFixture::lidia(), forger.publicKey()).result());
    const QString forged = f.pending(60);
    const AccessRequest request = *outside.request(StoreFixture::lidia(), forged).result();
    const DecisionSignature signature = DecisionSignature::sign(
        forger, DecisionStatement::of(request, Action::Approve, StoreFixture::lidia().principal, f.clock().now()));
    LOCKBOX_VERIFY_OK(outside.perform(StoreFixture::lidia(), forged, Action::Approve, {}, signature).result());
    // The store without an endorsement key trusts it, and answers Allowed for the longer window.
    const Result<AccessCheck> trusting
        = outside.checkAccess(StoreFixture::manager(), StoreFixture::engineer().principal, StoreFixture::contoso)
              .result();
    LOCKBOX_VERIFY_OK(trusting);
    QVERIFY(trusting->allowed);
    QCOMPARE(trusting->requestId, request.id);

    // The endorsing store lists the key as untrusted, counts only the genuine approval, and
    // refuses a decision signed with the forger's key.
    const Result<QList<RegisteredKey>> keys = f.store().signingKeys(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(keys);
    const auto forgers = std::find_if(keys->cbegin(), keys->cend(), [&](const RegisteredKey& key) {
        return key.fingerprint == forger.fingerprint();
    });
    QVERIFY(forgers != keys->cend());
    QVERIFY(!forgers->trusted);
    const Result<AccessCheck> checked
        = f.store()
              .checkAccess(StoreFixture::manager(), StoreFixture::engineer().principal, StoreFixture::contoso)
              .result();
    LOCKBOX_VERIFY_OK(checked);
    QVERIFY(checked->allowed);
    QCOMPARE(checked->requestId, genuine);
    f.revoke(StoreFixture::megan(), genuine).waitForFinished();
    const Result<AccessCheck> afterRevoke
        = f.store()
              .checkAccess(StoreFixture::manager(), StoreFixture::engineer().principal, StoreFixture::contoso)
              .result();
    LOCKBOX_VERIFY_OK(afterRevoke);
    QVERIFY(!afterRevoke->allowed);
    QVERIFY2(afterRevoke->reason.contains(QLatin1String("this Lockbox service did not endorse")),
             qPrintable(afterRevoke->reason));
    const QString next = f.pending(60);
    const AccessRequest nextRequest = *f.store().request(StoreFixture::lidia(), next).result();
    LOCKBOX_COMPARE_ERROR(f.store()
                              .perform(StoreFixture::lidia(),
                                       next,
                                       Action::Approve,
                                       {},
                                       DecisionSignature::sign(forger,
                                                               DecisionStatement::of(nextRequest,
                                                                                     Action::Approve,
                                                                                     StoreFixture::lidia().principal,
                                                                                     f.clock().now())))
                              .result(),
                          Error::Code::PermissionDenied);

    // Its owner registering it through the endorsing store (signed in, as lockboxd requires)
    // endorses it from then on.
    const Result<RegisteredKey> vouched
        = f.store().registerSigningKey(StoreFixture::lidia(), forger.publicKey()).result();
    LOCKBOX_VERIFY_OK(vouched);
    QVERIFY(vouched->trusted);
    const Result<AccessCheck> nowTrusted
        = f.store()
              .checkAccess(StoreFixture::manager(), StoreFixture::engineer().principal, StoreFixture::contoso)
              .result();
    LOCKBOX_VERIFY_OK(nowTrusted);
    QVERIFY(nowTrusted->allowed);
}

void TestSqlStore::aSignedDecisionIsVerifiedAndKept()
{
    FIXTURE(f);
    const SigningKey lidias = *SigningKey::generate();
    LOCKBOX_VERIFY_OK(f.store().registerSigningKey(StoreFixture::lidia(), lidias.publicKey()).result());
    const QString id = f.pending();
    const AccessRequest request = *f.store().request(StoreFixture::lidia(), id).result();
    const QString lidia = StoreFixture::lidia().principal;
    auto signedBy
        = [&](const SigningKey& key, const QString& who, const QDateTime& at, Action action = Action::Approve) {
              return DecisionSignature::sign(key, DecisionStatement::of(request, action, who, at));
          };
    auto operations = [&] {
        return auditOperations(f.store(), StoreFixture::megan(), id);
    };

    // Refused, and audited as attempts: a changed signature, an unregistered key, someone else's
    // key, a signature of another decision; a clock far off is a mistake to correct.
    DecisionSignature flipped = signedBy(lidias, lidia, StoreFixture::start);
    flipped.value[5] = char(flipped.value.at(5) ^ 0x20);
    LOCKBOX_COMPARE_ERROR(f.store().perform(StoreFixture::lidia(), id, Action::Approve, {}, flipped).result(),
                          Error::Code::PermissionDenied);
    LOCKBOX_COMPARE_ERROR(f.store()
                              .perform(StoreFixture::lidia(),
                                       id,
                                       Action::Approve,
                                       {},
                                       signedBy(*SigningKey::generate(), lidia, StoreFixture::start))
                              .result(),
                          Error::Code::PermissionDenied);
    LOCKBOX_COMPARE_ERROR(f.store()
                              .perform(StoreFixture::megan(),
                                       id,
                                       Action::Approve,
                                       {},
                                       signedBy(lidias, StoreFixture::megan().principal, StoreFixture::start))
                              .result(),
                          Error::Code::PermissionDenied);
    LOCKBOX_COMPARE_ERROR(f.store()
                              .perform(StoreFixture::lidia(),
                                       id,
                                       Action::Approve,
                                       {},
                                       signedBy(lidias, lidia, StoreFixture::start, Action::Deny))
                              .result(),
                          Error::Code::PermissionDenied);
    LOCKBOX_COMPARE_ERROR(f.store()
                              .perform(StoreFixture::lidia(),
                                       id,
                                       Action::Approve,
                                       {},
                                       signedBy(lidias, lidia, StoreFixture::start.addSecs(-10 * 60)))
                              .result(),
                          Error::Code::InvalidInput);
    QCOMPARE(operations().count(AuditOperation::ActionRefused), 4);
    QCOMPARE(f.store().request(StoreFixture::lidia(), id).result()->status, RequestStatus::Pending);

    // A good one: the decision and its audit record keep it.
    const DecisionSignature good = signedBy(lidias, lidia, StoreFixture::start.addSecs(30));
    Result<AccessRequest> approved = f.store().perform(StoreFixture::lidia(), id, Action::Approve, {}, good).result();
    LOCKBOX_VERIFY_OK(approved);
    QCOMPARE(approved->status, RequestStatus::Approved);
    const Decision& decision = approved->decisions.last();
    QCOMPARE(decision.kind, Decision::Kind::Approve);
    QCOMPARE(decision.signingKey, lidias.fingerprint());
    QCOMPARE(decision.signedAt, good.signedAt);
    QCOMPARE(decision.signature, good.value);
    QVERIFY(SigningKey::verify(lidias.publicKey(),
                               DecisionStatement::of(request, Action::Approve, lidia, decision.signedAt).encoded(),
                               decision.signature));
    AuditQuery query;
    query.requestId = id;
    query.operation = AuditOperation::RequestApproved;
    const AuditRecord record = f.store().auditRecords(StoreFixture::megan(), query).result()->items.first();
    QCOMPARE(record.details.value(QStringLiteral("signingKey")).toString(), lidias.fingerprint());
    QCOMPARE(QByteArray::fromBase64(record.details.value(QStringLiteral("signature")).toString().toLatin1()),
             good.value);
}
