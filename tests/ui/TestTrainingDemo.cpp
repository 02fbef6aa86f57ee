#include "TestTrainingDemo.h"
#include "core/Guarded.h"

#include "MainWindow.h"
#include "audit/AuditOperation.h"
#include "demo/DemoBar.h"
#include "demo/DemoClock.h"
#include "demo/DemoController.h"
#include "demo/DemoSimulator.h"
#include "demo/ExerciseTracker.h"
#include "demo/FileRequestDialog.h"
#include "itemmodels/RequestTableModel.h"
#include "requests/DecisionDialog.h"
#include "requests/RequestDetailsPane.h"
#include "requests/RequestsPage.h"
#include "seed/SeedGenerator.h"
#include "session/Session.h"
#include "settings/AppSettings.h"
#include "store/SqlStore.h"
#include "support/AccessibleNames.h"
#include "support/RawDatabase.h"
#include "support/ResultAsserts.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace lockbox;

namespace {

const QDateTime demoStart(QDate(2026, 11, 24), QTime(9, 0), Qt::UTC);
const QString contoso = QStringLiteral("contoso.onmicrosoft.com");
const Actor megan {QStringLiteral("megan.bowen@contoso.com"), contoso};

// The demo as lockbox-admin --demo builds it, with a real-time source the test moves.
struct Demo
{
    QTemporaryDir dir;
    qint64 realMs = 0;
    std::shared_ptr<DemoClock> clock;
    std::unique_ptr<SqlStore> store;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<Session> session;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<DemoController> controller;

    bool setUp(QString* problem, const Actor& who = megan)
    {
        const QString path = dir.filePath(QStringLiteral("demo.db"));
        SeedGenerator::Options options;
        options.end = demoStart;
        if (Result<int> seeded = SeedGenerator::createDemoStore(path, options); !seeded) {
            *problem = seeded.error().message();
            return false;
        }
        clock = std::make_shared<DemoClock>(demoStart, [this] { return realMs; });
        store = std::make_unique<SqlStore>(path, clock);
        if (Status opened = store->open().result(); !opened) {
            *problem = opened.error().message();
            return false;
        }
        settings = std::make_unique<AppSettings>(dir.filePath(QStringLiteral("settings.ini")));
        session = std::make_unique<Session>(store.get(), clock);
        window = std::make_unique<MainWindow>(session.get(), settings.get());
        controller
            = std::make_unique<DemoController>(window.get(), session.get(), clock.get(), settings.get(), demoStart);
        window->show();
        bool done = false;
        session->signIn(who).then(QCoreApplication::instance(),
                                  guarded(window.get(), [&](const Status&) { done = true; }));
        if (!QTest::qWaitFor([&] { return done; }, 10000) || !session->isSignedIn()) {
            *problem = QStringLiteral("sign-in failed");
            return false;
        }
        return QTest::qWaitFor([&] { return !window->requestsPage()->model()->isLoading(); }, 10000);
    }

    // Lets `seconds` of real time pass and the simulator act on it.
    bool pass(qint64 seconds)
    {
        realMs += seconds * 1000;
        // What the store told meanwhile (queued from its worker threads) reaches the simulator
        // first, as it would in the running app's event loop.
        QCoreApplication::sendPostedEvents();
        controller->simulator()->tick();
        return QTest::qWaitFor([&] { return !controller->simulator()->isBusy(); }, 10000);
    }

    AccessRequest stored(const QString& id) { return store->request(megan, id).result().value(); }

    QString firstWithStatus(RequestStatus status, const QString& extraCondition = QString())
    {
        return RawDatabase::value(dir.filePath(QStringLiteral("demo.db")),
                                  QStringLiteral("SELECT id FROM requests WHERE tenant_id = '%1' AND status = '%2' %3 "
                                                 "ORDER BY created_at LIMIT 1")
                                      .arg(contoso, requestStatus::key(status), extraCondition))
            .toString();
    }
};

#define DEMO(name, ...)                                                                                                \
    Demo name;                                                                                                         \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(name.setUp(&problem_, ##__VA_ARGS__), qPrintable(problem_));                                          \
    } while (false)

} // namespace

void TestTrainingDemo::clockRunsAtTheChosenSpeed()
{
    DEMO(d);
    DemoBar* bar = d.controller->bar();
    QCOMPARE(d.clock->now(), demoStart);
    d.realMs += 2000;
    QCOMPARE(d.clock->now(), demoStart.addSecs(2)); // ×1
    QTest::mouseClick(bar->findChild<QToolButton*>(QStringLiteral("demoSpeed600")), Qt::LeftButton);
    QCOMPARE(d.clock->speed(), 600);
    d.realMs += 6000;
    QCOMPARE(d.clock->now(), demoStart.addSecs(2 + 3600));
    QTest::mouseClick(bar->findChild<QToolButton*>(QStringLiteral("demoSpeed0")), Qt::LeftButton);
    d.realMs += 60'000;
    QCOMPARE(d.clock->now(), demoStart.addSecs(2 + 3600)); // paused
    QVERIFY(bar->findChild<QLabel*>(QStringLiteral("demoClock"))->text().isEmpty() == false);
    QCOMPARE(bar->findChild<QLabel*>(QStringLiteral("demoBanner"))->text(),
             QStringLiteral("Training demo: simulated data"));
}

void TestTrainingDemo::atSixHundredTimesRequestsArriveExpireAndWindowsClose()
{
    DEMO(d);
    // The demo starts with a request about to lapse and an access window open.
    const QString lapsing = d.firstWithStatus(RequestStatus::Pending);
    const QString open = d.firstWithStatus(RequestStatus::Approved,
                                           QStringLiteral("AND access_until > %1").arg(demoStart.toMSecsSinceEpoch()));
    QVERIFY(!lapsing.isEmpty() && !open.isEmpty());
    RequestTableModel* model = d.window->requestsPage()->model();
    QSet<QString> shownBefore;
    for (int row = 0; row < model->rowCount(); ++row)
        shownBefore.insert(model->requestAt(row)->id);
    d.controller->simulator()->setFilingInterval(20, 30);
    QTest::mouseClick(d.controller->bar()->findChild<QToolButton*>(QStringLiteral("demoSpeed600")), Qt::LeftButton);

    // Four real seconds are 40 demo minutes: an engineer files, a manager approves, the trainee is told.
    for (int second = 0; second < 12; ++second)
        QVERIFY(d.pass(1));
    auto* news = d.controller->bar()->findChild<QLabel*>(QStringLiteral("demoNews"));
    QTRY_VERIFY2(news->text().contains(QStringLiteral("awaits approval")), qPrintable(news->text()));
    // ... and it appears in the open table without a refresh.
    auto arrived = [&] {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (!shownBefore.contains(model->requestAt(row)->id)
                && model->requestAt(row)->status == RequestStatus::Pending)
                return true;
        }
        return false;
    };
    QTRY_VERIFY(arrived());

    // Twenty minutes after the start the oldest pending request has lapsed: it was written to the
    // store (read from the file, not through the store, which would apply it itself) and the open
    // table shows it.
    const QString path = d.dir.filePath(QStringLiteral("demo.db"));
    QCOMPARE(
        RawDatabase::value(path, QStringLiteral("SELECT status FROM requests WHERE id = '%1'").arg(lapsing)).toString(),
        QStringLiteral("Expired"));
    QTRY_VERIFY(model->rowOf(lapsing) >= 0
                && model->requestAt(model->rowOf(lapsing))->status == RequestStatus::Expired);

    // Within four demo hours (24 real seconds) the open window has closed.
    for (int second = 0; second < 24; ++second)
        QVERIFY(d.pass(1));
    QCOMPARE(
        RawDatabase::value(path, QStringLiteral("SELECT status FROM requests WHERE id = '%1'").arg(open)).toString(),
        QStringLiteral("Completed"));
    Result<Page<AuditRecord>> ended
        = d.store->auditRecords(megan, AuditQuery {{}, {}, AuditOperation::AccessWindowEnded, {}, open}).result();
    LOCKBOX_VERIFY_OK(ended);
    QCOMPARE(ended->items.size(), 1);
}

void TestTrainingDemo::exercisesAreMarkedDoneAndRemembered()
{
    DEMO(d);
    ExerciseTracker* tracker = d.controller->exercises();
    QCOMPARE(tracker->doneCount(), 0);
    RequestsPage* page = d.window->requestsPage();
    d.window->showPage(QStringLiteral("requests"));
    QTRY_VERIFY(page->model()->rowCount() >= 2);

    page->decide(Action::Approve, *page->model()->requestAt(0));
    QTRY_VERIFY(page->openDecisionDialog());
    QTest::mouseClick(page->openDecisionDialog()->findChild<QPushButton*>(QStringLiteral("confirmDecision")),
                      Qt::LeftButton);
    QTRY_VERIFY(tracker->isDone(QStringLiteral("approve")));

    QTRY_VERIFY(!page->openDecisionDialog());
    page->decide(Action::Deny, *page->model()->requestAt(1));
    QTRY_VERIFY(page->openDecisionDialog());
    QTest::keyClicks(page->openDecisionDialog()->findChild<QPlainTextEdit*>(QStringLiteral("decisionComment")),
                     QStringLiteral("Scope too broad"));
    QTest::mouseClick(page->openDecisionDialog()->findChild<QPushButton*>(QStringLiteral("confirmDecision")),
                      Qt::LeftButton);
    QTRY_VERIFY(tracker->isDone(QStringLiteral("deny")));

    QTRY_COMPARE(d.controller->bar()->findChild<QPushButton*>(QStringLiteral("demoExercises"))->text(),
                 QStringLiteral("E&xercises 2/6"));
    auto* list = d.controller->exercisesDock()->findChild<QListWidget*>(QStringLiteral("exerciseList"));
    int markedDone = 0;
    for (int row = 0; row < list->count(); ++row)
        markedDone += list->item(row)->data(Qt::UserRole + 1).toBool() ? 1 : 0;
    QCOMPARE(markedDone, 2);
    QVERIFY(list->item(0)->text().contains(QStringLiteral("done")));
    QVERIFY(list->item(2)->text().contains(QStringLiteral("to do")));

    // Closing and reopening the demo keeps the progress.
    d.settings->sync();
    AppSettings reopened(d.dir.filePath(QStringLiteral("settings.ini")));
    QCOMPARE(reopened.completedExercises(), (QStringList {QStringLiteral("approve"), QStringLiteral("deny")}));
}

void TestTrainingDemo::settingExerciseNeedsOffThenAutoApprovalThenOn()
{
    auto record = [](const QString& operation, Role role, QJsonObject details = {}) {
        AuditRecord r;
        r.operation = operation;
        r.actorRole = role;
        r.details = details;
        return r;
    };
    const AuditRecord off
        = record(AuditOperation::SettingChanged,
                 Role::GlobalAdministrator,
                 {{QStringLiteral("setting"), QStringLiteral("requireApproval")}, {QStringLiteral("to"), false}});
    const AuditRecord on
        = record(AuditOperation::SettingChanged,
                 Role::GlobalAdministrator,
                 {{QStringLiteral("setting"), QStringLiteral("requireApproval")}, {QStringLiteral("to"), true}});
    const AuditRecord auto_ = record(AuditOperation::RequestAutoApproved, Role::System);
    QVERIFY(!ExerciseTracker::judge({off, on}).contains(QStringLiteral("setting")));
    QVERIFY(!ExerciseTracker::judge({off, auto_}).contains(QStringLiteral("setting")));
    QVERIFY(!ExerciseTracker::judge({auto_, off, on}).contains(QStringLiteral("setting")));
    QVERIFY(ExerciseTracker::judge({off, auto_, on}).contains(QStringLiteral("setting")));
    // Decisions by the simulated side never count for the trainee.
    QVERIFY(ExerciseTracker::judge({record(AuditOperation::RequestApproved, Role::System)}).isEmpty());
}

void TestTrainingDemo::expiredRequestSaysWhyAndCountsAsAnExercise()
{
    DEMO(d);
    const QString lapsing = d.firstWithStatus(RequestStatus::Pending);
    QTest::mouseClick(d.controller->bar()->findChild<QToolButton*>(QStringLiteral("demoSpeed600")), Qt::LeftButton);
    for (int second = 0; second < 3; ++second) // half an hour of demo time
        QVERIFY(d.pass(1));
    QCOMPARE(d.stored(lapsing).status, RequestStatus::Expired);
    RequestsPage* page = d.window->requestsPage();
    d.window->showPage(QStringLiteral("requests"));
    auto* filter = page->findChild<QComboBox*>(QStringLiteral("statusFilter"));
    filter->setCurrentIndex(filter->findText(QStringLiteral("All")));
    page->selectRequest(lapsing);
    auto* hint = page->findChild<QLabel*>(QStringLiteral("detailsActionHint"));
    auto* details = page->findChild<RequestDetailsPane*>();
    QTRY_VERIFY(!page->model()->isLoading() && details->requestId() == lapsing && hint->isVisible());
    QCOMPARE(page->model()->requestAt(page->table()->currentIndex().row())->id, lapsing);
    QVERIFY2(hint->text().contains(QStringLiteral("it can no longer be approved")), qPrintable(hint->text()));
    QVERIFY(!page->findChild<QPushButton*>(QStringLiteral("detailsApprove"))->isVisible()
            || !page->findChild<QPushButton*>(QStringLiteral("detailsApprove"))->isEnabled());
    QTRY_VERIFY(d.controller->exercises()->isDone(QStringLiteral("expire")));
}

void TestTrainingDemo::personaSwitchChangesWhatTheTraineeMayDo()
{
    DEMO(d);
    auto* persona = d.controller->bar()->findChild<QComboBox*>(QStringLiteral("demoPersona"));
    QCOMPARE(persona->count(), 3);
    persona->setFocus();
    QTest::keyClick(persona, Qt::Key_End); // the Reader
    QTRY_COMPARE(d.session->actor().role, Role::Reader);
    RequestTableModel* model = d.window->requestsPage()->model();
    QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
    QVERIFY(!model->index(0, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool());
    QTest::keyClick(persona, Qt::Key_Home); // back to the Global administrator
    QTRY_COMPARE(d.session->actor().role, Role::GlobalAdministrator);
    QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
    QVERIFY(model->index(0, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool());
}

void TestTrainingDemo::fileARequestAsTheEngineer()
{
    DEMO(d);
    RequestTableModel* model = d.window->requestsPage()->model();
    const int before = model->rowCount();
    QTest::mouseClick(d.controller->bar()->findChild<QPushButton*>(QStringLiteral("demoFileRequest")), Qt::LeftButton);
    QTRY_VERIFY(d.controller->fileRequestDialog());
    QTest::mouseClick(d.controller->fileRequestDialog()->findChild<QPushButton*>(QStringLiteral("confirmFileRequest")),
                      Qt::LeftButton);
    QTRY_COMPARE(model->rowCount(), before + 1);
    // The news follows the manager's approval, which may land after the row has appeared.
    QTRY_VERIFY(d.controller->bar()
                    ->findChild<QLabel*>(QStringLiteral("demoNews"))
                    ->text()
                    .contains(QStringLiteral("awaits approval")));
    QCOMPARE(model->requestAt(0)->status, RequestStatus::Pending);
}

void TestTrainingDemo::demoControlsHaveAccessibleNames()
{
    DEMO(d);
    d.controller->exercisesDock()->show();
    QTest::qWait(0);
    const QStringList unnamed = unnamedControls(d.window.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestTrainingDemo::simulatedEngineerAnswersAQuestionAfterAFewDemoMinutes()
{
    DEMO(d);
    // One with hours to go (the oldest is about to lapse).
    const QString id = d.firstWithStatus(
        RequestStatus::Pending, QStringLiteral("AND expires_at > %1").arg(demoStart.addSecs(3600).toMSecsSinceEpoch()));
    QVERIFY(!id.isEmpty());
    QVERIFY(d.pass(0));
    LOCKBOX_VERIFY_OK(d.store->perform(megan, id, Action::Ask, QStringLiteral("Which mailbox?")).result());
    QVERIFY(d.stored(id).informationRequested);
    // The engineer reads it a couple of demo minutes later, not at once.
    QVERIFY(d.pass(30)); // ×1: half a demo minute
    QVERIFY(d.stored(id).informationRequested);
    QVERIFY(d.pass(10 * 60)); // ten demo minutes
    // The answer is written on the simulator's next tick or two.
    for (int tick = 0; tick < 3 && d.stored(id).informationRequested; ++tick)
        QVERIFY(d.pass(0));
    QVERIFY(!d.stored(id).informationRequested);
    const AccessRequest answered = d.stored(id);
    QCOMPARE(answered.status, RequestStatus::Pending);
    QCOMPARE(answered.decisions.last().kind, Decision::Kind::Answer);
    QCOMPARE(answered.decisions.last().actor, answered.requester);
    QVERIFY(answered.decisions.last().at >= demoStart.addSecs(2 * 60));
}
