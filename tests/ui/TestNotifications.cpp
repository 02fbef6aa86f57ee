#include "TestNotifications.h"

#include "MainWindow.h"
#include "common/NotificationBanner.h"
#include "itemmodels/RequestTableModel.h"
#include "notifications/PendingWatch.h"
#include "notifications/TrayIcon.h"
#include "requests/RequestsPage.h"
#include "session/Session.h"
#include "support/AdminCenterFixture.h"
#include "support/ResultAsserts.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace lockbox;

namespace {

// Lets the watch look at the store once more and waits until it has finished looking.
bool settle(PendingWatch* watch)
{
    if (!QTest::qWaitFor([&] { return watch->isIdle(); }, 5000))
        return false;
    QSignalSpy done(watch, &PendingWatch::refreshed);
    watch->refresh();
    return QTest::qWaitFor([&] { return !done.isEmpty() && watch->isIdle(); }, 5000);
}

PendingNotice noticeAt(const QSignalSpy& spy, int index)
{
    return spy.at(index).at(0).value<PendingNotice>();
}

QString referenceOf(AdminCenterFixture& f, const QString& id)
{
    return f.storedRequest(id).reference;
}

} // namespace

void TestNotifications::requestsPendingAtSignInAreCountedNotAnnounced()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [](StoreFixture& data) {
        return !data.pending().isEmpty() && !data.pending().isEmpty() && !data.file().isEmpty();
    });
    PendingWatch* watch = f.window().pendingWatch();
    QSignalSpy notices(watch, &PendingWatch::notice);
    QTRY_COMPARE(watch->pendingCount(), 2);
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 0);
}

void TestNotifications::aRequestReachingTheCustomerIsAnnouncedOnce()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::lidia(), [](StoreFixture& data) { return !data.pending().isEmpty(); });
    PendingWatch* watch = f.window().pendingWatch();
    QVERIFY(settle(watch));
    QSignalSpy notices(watch, &PendingWatch::notice);

    // Filed but not yet approved by the engineer's manager: nothing for the customer yet.
    const QString filed = f.data().file();
    QVERIFY(!filed.isEmpty());
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 0);

    const QString first = f.data().pending(90);
    QVERIFY(!first.isEmpty());
    QTRY_COMPARE(notices.count(), 1);
    PendingNotice notice = noticeAt(notices, 0);
    QCOMPARE(notice.kind, PendingNotice::Kind::AwaitingApproval);
    QCOMPARE(notice.requestIds, QStringList {first});
    QVERIFY2(notice.title.contains(referenceOf(f, first)), qPrintable(notice.title));
    QVERIFY2(notice.text.contains(StoreFixture::engineer().principal)
                 && notice.text.contains(QStringLiteral("1 h 30 min")),
             qPrintable(notice.text));
    QTRY_COMPARE(watch->pendingCount(), 2);

    // Looking again announces nothing new; the next request is announced alone.
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 1);
    const QString second = f.data().pending();
    QTRY_COMPARE(notices.count(), 2);
    QCOMPARE(noticeAt(notices, 1).requestIds, QStringList {second});
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 2);
}

void TestNotifications::expiryWarningComesOnceWithinTheLastHour()
{
    QString id;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        id = data.pending();
        return !id.isEmpty();
    });
    PendingWatch* watch = f.window().pendingWatch();
    QVERIFY(settle(watch));
    QSignalSpy notices(watch, &PendingWatch::notice);
    const QDateTime expires = f.storedRequest(id).expires;

    // One second more than an hour left: not yet.
    f.data().clock().advance(f.session().now().msecsTo(expires) - (PendingWatch::expiryWarningSeconds + 1) * 1000);
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 0);

    // Exactly an hour left: the warning, naming the request and the time left.
    f.data().clock().advanceSeconds(1);
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 1);
    const PendingNotice warning = noticeAt(notices, 0);
    QCOMPARE(warning.kind, PendingNotice::Kind::ExpiringSoon);
    QCOMPARE(warning.requestIds, QStringList {id});
    QVERIFY2(warning.title.contains(referenceOf(f, id)) && warning.title.contains(QStringLiteral("1 h")),
             qPrintable(warning.title));

    // Only once, however often the watch looks.
    f.data().clock().advanceSeconds(600);
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 1);
}

void TestNotifications::noWarningForARequestIAlreadyApproved()
{
    QString mine;
    QString other;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        if (!data.changeSettings([](TenantSettings& settings) { settings.approvalsRequired = 2; }))
            return false;
        mine = data.pending();
        other = data.pending();
        return !mine.isEmpty() && !other.isEmpty() && data.approve(StoreFixture::megan(), mine).result();
    });
    PendingWatch* watch = f.window().pendingWatch();
    QVERIFY(settle(watch));
    QSignalSpy notices(watch, &PendingWatch::notice);
    f.data().clock().advanceSeconds(11 * 3600 + 60);
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 1);
    QCOMPARE(noticeAt(notices, 0).requestIds, QStringList {other});
}

void TestNotifications::readersHearNothing()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::adele(), [](StoreFixture& data) { return !data.pending().isEmpty(); });
    PendingWatch* watch = f.window().pendingWatch();
    QVERIFY(settle(watch));
    QSignalSpy notices(watch, &PendingWatch::notice);
    QVERIFY(!f.data().pending().isEmpty());
    f.data().clock().advanceSeconds(11 * 3600 + 60);
    QVERIFY(settle(watch));
    QCOMPARE(notices.count(), 0);
    QCOMPARE(watch->pendingCount(), 2);
}

void TestNotifications::clickingANoticeOpensTheRequest()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    f.window().showPage(QStringLiteral("home"));
    PendingWatch* watch = f.window().pendingWatch();
    QVERIFY(settle(watch));
    const QString id = f.data().pending();
    QVERIFY(!id.isEmpty());

    // The offscreen test platform has no system tray: the notice shows in the window instead, with
    // a button that opens the request.
    auto* banner = f.window().findChild<NotificationBanner*>(QStringLiteral("noticeBanner"));
    QVERIFY(banner);
    QTRY_VERIFY(banner->text().contains(referenceOf(f, id)));
    auto* open = banner->findChild<QPushButton*>(QStringLiteral("bannerAction"));
    QVERIFY(open && open->isVisible());
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(f.window().currentPage(), QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    auto selectedId = [&] {
        const AccessRequest* request = page->model()->requestAt(page->table()->currentIndex().row());
        return request ? request->id : QString();
    };
    QTRY_COMPARE(selectedId(), id);

    // A click on the desktop notification does the same.
    const QString next = f.data().pending();
    QTRY_COMPARE(f.window().trayIcon()->lastNotice().requestIds, QStringList {next});
    f.window().showPage(QStringLiteral("audit"));
    emit f.window().trayIcon()->systemTrayIcon()->messageClicked();
    QCOMPARE(f.window().currentPage(), QStringLiteral("requests"));
    QTRY_COMPARE(selectedId(), next);
}

void TestNotifications::trayIconShowsTheCount()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [](StoreFixture& data) {
        return !data.pending().isEmpty() && !data.pending().isEmpty();
    });
    TrayIcon* tray = f.window().trayIcon();
    QTRY_COMPARE(tray->count(), 2);
    QVERIFY2(tray->toolTip().contains(QStringLiteral("2 pending requests")), qPrintable(tray->toolTip()));
    QVERIFY(!f.data().pending().isEmpty());
    QTRY_COMPARE(tray->count(), 3);

    // The badge is drawn in the icon's corner; without pending requests there is none.
    const QIcon base(QStringLiteral(":/icons/org.lockbox.AdminCenter.svg"));
    QVERIFY(!base.isNull());
    const QImage plain = TrayIcon::badgeIcon(base, 0).pixmap(32, 32).toImage();
    const QImage badged = TrayIcon::badgeIcon(base, 3).pixmap(32, 32).toImage();
    const QColor badge(0xc5, 0x0f, 0x1f);
    QCOMPARE(QColor(badged.pixel(16, 23)), badge);
    QVERIFY(QColor(plain.pixel(16, 23)) != badge);
}

void TestNotifications::backupApproversHearOfAnEscalation()
{
    QString id;
    auto prepare = [&](StoreFixture& data) {
        if (!data.changeSettings(
                [](TenantSettings& settings) { settings.backupApprovers = {StoreFixture::diego().principal}; }))
            return false;
        id = data.pending();
        return !id.isEmpty();
    };
    for (const Actor& who : {StoreFixture::diego(), StoreFixture::lidia()}) {
        LOCKBOX_ADMIN_CENTER(f, who, prepare);
        PendingWatch* watch = f.window().pendingWatch();
        QVERIFY(settle(watch));
        QSignalSpy notices(watch, &PendingWatch::notice);
        f.data().clock().set(f.storedRequest(id).escalateAt);
        QCOMPARE(*f.data().store().applyDueTransitions().result(), 1);
        QVERIFY(settle(watch));
        if (who.principal == StoreFixture::diego().principal) {
            QCOMPARE(notices.count(), 1);
            const PendingNotice notice = noticeAt(notices, 0);
            QCOMPARE(notice.kind, PendingNotice::Kind::Escalated);
            QCOMPARE(notice.requestIds, QStringList {id});
            QVERIFY2(notice.title.contains(QStringLiteral("escalated to you")), qPrintable(notice.title));
        } else {
            QCOMPARE(notices.count(), 0); // not a backup approver
        }
        // Once.
        f.data().clock().advanceSeconds(60);
        QVERIFY(settle(watch));
        QCOMPARE(notices.count(), who.principal == StoreFixture::diego().principal ? 1 : 0);
    }
}
