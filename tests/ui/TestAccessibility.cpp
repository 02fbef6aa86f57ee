#include "TestAccessibility.h"

#include "MainWindow.h"
#include "audit/AuditPage.h"
#include "common/AppPalette.h"
#include "common/NotificationBanner.h"
#include "common/StatusIcons.h"
#include "connect/ConnectDialog.h"
#include "connect/StepUpDialog.h"
#include "connection/CredentialVault.h"
#include "demo/DemoBar.h"
#include "demo/DemoClock.h"
#include "demo/DemoController.h"
#include "demo/FileRequestDialog.h"
#include "itemmodels/RequestTableModel.h"
#include "requests/DecisionDialog.h"
#include "requests/RequestDetailsPane.h"
#include "requests/RequestsPage.h"
#include "settings/AppSettings.h"
#include "settings/SettingsPage.h"
#include "support/AccessibleNames.h"
#include "support/AdminCenterFixture.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <cmath>

using namespace lockbox;

namespace {

// Three pending requests for contoso, filed a minute apart (the newest first in the table), and one
// approved, its access window open.
bool someRequests(StoreFixture& data, QStringList* pending, QString* open)
{
    *open = data.pending(120);
    if (open->isEmpty() || !data.approve(StoreFixture::lidia(), *open).result())
        return false;
    for (int i = 0; i < 3; ++i) {
        data.clock().advanceSeconds(60);
        const QString id = data.pending(30 + i * 30);
        if (id.isEmpty())
            return false;
        pending->prepend(id);
    }
    return true;
}

QWidget* focused()
{
    return QApplication::focusWidget();
}

QString focusedName()
{
    return focused() ? focused()->objectName() : QString();
}

// A key pressed where the focus is, as a person does.
void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* target = focused() ? focused() : QApplication::activeWindow();
    QTest::keyClick(target, Qt::Key(key), modifiers);
}

void type(const QString& text)
{
    QTest::keyClicks(focused(), text);
}

// WCAG 2 relative luminance and contrast ratio (1 to 21).
double luminance(const QColor& colour)
{
    auto channel = [](double value) {
        return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The colour a widget's background shows: that of the nearest one that paints its own.
QColor backgroundOf(const QWidget* widget)
{
    const QWidget* painter = widget;
    while (painter->parentWidget() && !painter->autoFillBackground() && !painter->isWindow())
        painter = painter->parentWidget();
    return painter->palette().color(painter->backgroundRole());
}

// Puts a palette on the application for a test and takes it off again.
class PaletteScope
{
public:
    explicit PaletteScope(const QPalette& palette)
        : m_saved(QApplication::palette())
    {
        QApplication::setPalette(palette);
    }
    ~PaletteScope() { QApplication::setPalette(m_saved); }

private:
    QPalette m_saved;
};

AccessRequest requestFor(AdminCenterFixture& f, const QString& id)
{
    return f.storedRequest(id);
}

QStringList gapsOf(QWidget* root, const QString& where)
{
    QStringList gaps;
    for (const QString& gap : accessibilityGaps(root))
        gaps << gap + QStringLiteral(" (") + where + QLatin1Char(')');
    return gaps;
}

} // namespace

void TestAccessibility::everyControlOnEveryPageIsNamedAndDescribed()
{
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    QStringList gaps;
    for (const QString& key : MainWindow::pageKeys()) {
        f.window().showPage(key);
        QTest::qWait(0); // let the page lay out
        gaps << gapsOf(&f.window(), key);
    }
    // The details pane in its other states: an open access window (Revoke), messages in banners.
    RequestsPage* page = f.window().requestsPage();
    f.window().showPage(QStringLiteral("requests"));
    page->selectRequest(open);
    QTRY_COMPARE(page->findChild<RequestDetailsPane*>()->requestId(), open);
    for (NotificationBanner* banner : f.window().findChildren<NotificationBanner*>())
        banner->showMessage(
            NotificationBanner::Kind::Warning, QStringLiteral("Something to act on"), QStringLiteral("Act"));
    QTest::qWait(0);
    gaps << gapsOf(&f.window(), QStringLiteral("requests, open window and banners"));
    gaps.removeDuplicates();
    QVERIFY2(gaps.isEmpty(), qPrintable(gaps.join(QLatin1Char('\n'))));
}

void TestAccessibility::everyControlOfTheDialogsIsNamedAndDescribed()
{
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    QStringList gaps;
    for (const auto& [action, id] : {std::pair {Action::Approve, pending.first()},
                                     std::pair {Action::Deny, pending.first()},
                                     std::pair {Action::Ask, pending.first()},
                                     std::pair {Action::Revoke, open}}) {
        DecisionDialog dialog(action, requestFor(f, id), f.data().clock().now(), &f.window());
        dialog.show();
        dialog.warn(QStringLiteral("This request has just changed"));
        QTest::qWait(0);
        gaps << gapsOf(&dialog, QStringLiteral("decision dialog, %1").arg(actions::key(action)));
    }
    {
        StepUpDialog dialog(QStringLiteral("This decision"), &f.window());
        dialog.show();
        dialog.showProblem(QStringLiteral("The code is wrong"));
        QTest::qWait(0);
        gaps << gapsOf(&dialog, QStringLiteral("step-up dialog"));
    }
    {
        CredentialVault vault(QStringLiteral("lockbox-test-accessibility"));
        ConnectDialog dialog(&f.settings(), &vault, &f.window());
        dialog.show();
        QTest::qWait(0);
        gaps << gapsOf(&dialog, QStringLiteral("connect dialog, service"));
        dialog.findChild<QLineEdit*>(QStringLiteral("serviceCode"))->show();
        dialog.findChild<QRadioButton*>(QStringLiteral("fileChoice"))->setChecked(true);
        QTest::qWait(0);
        gaps << gapsOf(&dialog, QStringLiteral("connect dialog, file"));
    }
    {
        FileRequestDialog dialog(StoreFixture::contoso, &f.window());
        dialog.show();
        QTest::qWait(0);
        gaps << gapsOf(&dialog, QStringLiteral("file request dialog"));
    }
    QVERIFY2(gaps.isEmpty(), qPrintable(gaps.join(QLatin1Char('\n'))));
}

void TestAccessibility::demoBarAndExercisesAreNamedAndDescribed()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    DemoClock clock(StoreFixture::start);
    DemoController demo(&f.window(), &f.session(), &clock, &f.settings(), StoreFixture::start);
    demo.bar()->show(); // made after the window was shown
    demo.exercisesDock()->show();
    QTest::qWait(0);
    const QStringList gaps = gapsOf(&f.window(), QStringLiteral("demo"));
    QVERIFY2(gaps.isEmpty(), qPrintable(gaps.join(QLatin1Char('\n'))));
}

void TestAccessibility::tabFollowsReadingOrder_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<bool>("demo");
    QTest::addColumn<QStringList>("expected");
    auto around = [](QStringList page) {
        // From the page list through the page, then the top of the window, and round again.
        return QStringList {QStringLiteral("navigation")} + page + QStringList {QStringLiteral("languageCombo")};
    };
    QTest::newRow("home") << QStringLiteral("home") << false
                          << around({QStringLiteral("homePending"),
                                     QStringLiteral("homeExpiring"),
                                     QStringLiteral("homeDecided"),
                                     QStringLiteral("homeOpenWindows")});
    // In the demo: the exercises beside the page, then the demo's bar above everything.
    QTest::newRow("home in the demo") << QStringLiteral("home") << true
                                      << around({QStringLiteral("homePending"),
                                                 QStringLiteral("homeExpiring"),
                                                 QStringLiteral("homeDecided"),
                                                 QStringLiteral("homeOpenWindows"),
                                                 QStringLiteral("exerciseList"),
                                                 QStringLiteral("clearExercises"),
                                                 QStringLiteral("demoPersona"),
                                                 QStringLiteral("demoFileRequest"),
                                                 QStringLiteral("demoExercises"),
                                                 QStringLiteral("demoReset"),
                                                 // The clock's speeds are one stop; the arrow keys pick one.
                                                 QStringLiteral("demoSpeed0")});
    QTest::newRow("requests") << QStringLiteral("requests") << false
                              << around({QStringLiteral("statusFilter"),
                                         QStringLiteral("searchBox"),
                                         QStringLiteral("refreshButton"),
                                         QStringLiteral("requestTable"),
                                         QStringLiteral("detailsScroll"),
                                         QStringLiteral("detailsApprove"),
                                         QStringLiteral("detailsDeny"),
                                         QStringLiteral("detailsAsk"),
                                         QStringLiteral("historyList")});
    QTest::newRow("audit") << QStringLiteral("audit") << false
                           << around({QStringLiteral("auditUseFrom"),
                                      QStringLiteral("auditUseTo"),
                                      QStringLiteral("auditOperationFilter"),
                                      QStringLiteral("auditActorFilter"),
                                      QStringLiteral("auditRequestFilter"),
                                      QStringLiteral("auditApplyFilter"),
                                      QStringLiteral("auditExport"),
                                      QStringLiteral("auditVerify"),
                                      QStringLiteral("auditTable")});
    QTest::newRow("roles") << QStringLiteral("roles") << false
                           << around({QStringLiteral("rolesTable"),
                                      QStringLiteral("rolePrincipal"),
                                      QStringLiteral("roleDisplayName"),
                                      QStringLiteral("roleChoice"),
                                      QStringLiteral("addRoleButton"),
                                      QStringLiteral("removeRoleButton")});
    QTest::newRow("settings") << QStringLiteral("settings") << false
                              << around({QStringLiteral("requireApprovalToggle"),
                                         QStringLiteral("approvalsRequired"),
                                         QStringLiteral("applyApprovals"),
                                         QStringLiteral("backupApprovers"),
                                         QStringLiteral("escalationLead"),
                                         QStringLiteral("applyEscalation")});
}

void TestAccessibility::tabFollowsReadingOrder()
{
    QFETCH(QString, page);
    QFETCH(bool, demo);
    QFETCH(QStringList, expected);
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    DemoClock clock(StoreFixture::start);
    std::unique_ptr<DemoController> controller;
    if (demo) {
        controller
            = std::make_unique<DemoController>(&f.window(), &f.session(), &clock, &f.settings(), StoreFixture::start);
        controller->bar()->show(); // made after the window was shown
        controller->exercisesDock()->show();
    }
    f.window().showPage(page);
    if (page == QLatin1String("requests"))
        QTRY_COMPARE(f.window().requestsPage()->findChild<RequestDetailsPane*>()->requestId(), pending.first());
    auto* navigation = f.window().findChild<QWidget*>(QStringLiteral("navigation"));
    navigation->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE(focused(), navigation);
    const QStringList actual = tabSequence(navigation);
    QVERIFY2(actual == expected,
             qPrintable(QStringLiteral("Tab goes %1\ninstead of %2")
                            .arg(actual.join(QStringLiteral(", ")), expected.join(QStringLiteral(", ")))));
}

void TestAccessibility::focusIsVisibleOnEveryStop_data()
{
    QTest::addColumn<QString>("page");
    for (const QString& key : MainWindow::pageKeys())
        QTest::newRow(qPrintable(key)) << key;
}

void TestAccessibility::focusIsVisibleOnEveryStop()
{
    QFETCH(QString, page);
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    f.window().showPage(page);
    if (page == QLatin1String("requests"))
        QTRY_COMPARE(f.window().requestsPage()->findChild<RequestDetailsPane*>()->requestId(), pending.first());
    for (NotificationBanner* banner : f.window().findChildren<NotificationBanner*>()) {
        if (banner->parentWidget() == f.window().centralWidget() || banner->parentWidget()->isVisible())
            banner->showMessage(
                NotificationBanner::Kind::Information, QStringLiteral("A message"), QStringLiteral("Act"));
    }
    auto* navigation = f.window().findChild<QWidget*>(QStringLiteral("navigation"));
    navigation->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE(focused(), navigation);
    // Each stop looks different with the focus than without it, a ring around it included.
    auto look = [&f](QWidget* stop) {
        const QRect around(stop->mapTo(&f.window(), QPoint(-4, -4)), stop->size() + QSize(8, 8));
        return f.window().grab(around).toImage();
    };
    QStringList unseen;
    QList<QWidget*> seen;
    for (QWidget* stop = navigation; stop && !seen.contains(stop) && seen.size() < 80; stop = focused()) {
        seen << stop;
        QTest::qWait(0);
        const QImage withFocus = look(stop);
        press(Qt::Key_Tab);
        QTest::qWait(0);
        if (look(stop) == withFocus)
            unseen << stop->objectName();
    }
    QVERIFY2(unseen.isEmpty(), qPrintable(unseen.join(QStringLiteral(", "))));
}

void TestAccessibility::decisionDialogTabFollowsReadingOrder()
{
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    DecisionDialog dialog(Action::Approve, f.storedRequest(pending.first()), f.data().clock().now(), &f.window());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto* summary = dialog.findChild<QWidget*>(QStringLiteral("decisionSummary"));
    summary->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE(focused(), summary);
    // What it does, the comment, then the buttons as they stand (Approve, Cancel).
    QCOMPARE(tabSequence(summary),
             QStringList({QStringLiteral("decisionSummary"),
                          QStringLiteral("decisionComment"),
                          QStringLiteral("confirmDecision"),
                          QStringLiteral("cancelDecision")}));
}

void TestAccessibility::pageShortcutsPutTheFocusOnThePage()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    const QStringList keys = MainWindow::pageKeys();
    for (int i = 0; i < keys.size(); ++i) {
        press(Qt::Key_1 + i, Qt::ControlModifier);
        QCOMPARE(f.window().currentPage(), keys.at(i));
        QWidget* page = f.window().findChild<QWidget*>(keys.at(i) + QStringLiteral("Page"));
        QVERIFY2(focused() && page->isAncestorOf(focused()) && (focused()->focusPolicy() & Qt::TabFocus),
                 qPrintable(keys.at(i) + QStringLiteral(": focus on ") + focusedName()));
    }
}

void TestAccessibility::approveWithKeysOnly()
{
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    RequestsPage* page = f.window().requestsPage();
    const AccessRequest wanted = f.storedRequest(pending.at(1));

    // Home, then its first card opens the pending requests, the focus in the list.
    press(Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(f.window().currentPage(), QStringLiteral("home"));
    QCOMPARE(focusedName(), QStringLiteral("homePending"));
    press(Qt::Key_Space);
    QCOMPARE(f.window().currentPage(), QStringLiteral("requests"));
    QTRY_COMPARE(focused(), page->table());

    // Filter: every status, then Pending again.
    press(Qt::Key_S, Qt::AltModifier);
    QCOMPARE(focusedName(), QStringLiteral("statusFilter"));
    press(Qt::Key_End);
    QTRY_VERIFY(page->model()->query().statuses.isEmpty());
    press(Qt::Key_Home);
    QTRY_COMPARE(page->model()->query().statuses, QList<RequestStatus> {RequestStatus::Pending});

    // Search for the request, then Tab to the list and pick it.
    press(Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(focusedName(), QStringLiteral("searchBox"));
    type(wanted.reference);
    QTRY_COMPARE(page->model()->query().search, wanted.reference);
    QTRY_VERIFY(!page->model()->isLoading() && page->model()->rowCount() == 1);
    press(Qt::Key_Tab);
    press(Qt::Key_Tab);
    QCOMPARE(focused(), page->table());
    press(Qt::Key_Home);
    QTRY_COMPARE(page->findChild<RequestDetailsPane*>()->requestId(), wanted.id);

    // Approve, with a comment, confirmed from the keyboard.
    QTRY_VERIFY(page->findChild<QPushButton*>(QStringLiteral("detailsApprove"))->isEnabled());
    press(Qt::Key_A, Qt::AltModifier);
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), Action::Approve);
    QCOMPARE(dialog->requestId(), wanted.id);
    QTRY_COMPARE(focusedName(), QStringLiteral("decisionComment"));
    type(QStringLiteral("Ticket checked"));
    press(Qt::Key_Return, Qt::ControlModifier);

    QTRY_COMPARE(f.storedRequest(wanted.id).status, RequestStatus::Approved);
    QCOMPARE(f.storedRequest(wanted.id).decisionComment, QStringLiteral("Ticket checked"));
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "requestsBanner")
                    .contains(QStringLiteral("Approved %1").arg(wanted.reference)));
    // Back in the window, the focus on the list, to go on with the next request.
    QTRY_COMPARE(f.window().focusWidget(), page->table());
}

void TestAccessibility::denyFromTheRowMenuWithKeysOnly()
{
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    RequestsPage* page = f.window().requestsPage();
    press(Qt::Key_2, Qt::ControlModifier);
    press(Qt::Key_Tab);
    press(Qt::Key_Tab);
    press(Qt::Key_Tab);
    QCOMPARE(focused(), page->table());
    press(Qt::Key_Down);
    QTRY_COMPARE(page->findChild<RequestDetailsPane*>()->requestId(), pending.at(1));

    // The row's own Approve and Deny, from its menu (Shift+F10 or the menu key).
    press(Qt::Key_F10, Qt::ShiftModifier);
    QMenu* menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) != nullptr);
    QCOMPARE(menu->objectName(), QStringLiteral("requestRowMenu"));
    QTest::keyClick(menu, Qt::Key_D); // the mnemonic of "Deny…"
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), Action::Deny);
    QCOMPARE(dialog->requestId(), pending.at(1));
    QTRY_COMPARE(focusedName(), QStringLiteral("decisionComment"));
    press(Qt::Key_Return, Qt::ControlModifier); // no reason yet: nothing happens
    QVERIFY(page->openDecisionDialog());
    type(QStringLiteral("Scope too broad"));
    press(Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(f.storedRequest(pending.at(1)).status, RequestStatus::Denied);
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "requestsBanner").contains(QStringLiteral("Denied")));
}

void TestAccessibility::revokeWithKeysOnly()
{
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    RequestsPage* page = f.window().requestsPage();
    // Home's last card lists the open access windows.
    press(Qt::Key_1, Qt::ControlModifier);
    QTRY_VERIFY(f.window().findChild<QToolButton*>(QStringLiteral("homeOpenWindows"))->text().startsWith(u'1'));
    for (int i = 0; i < 3; ++i)
        press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("homeOpenWindows"));
    press(Qt::Key_Space);
    QTRY_COMPARE(focused(), page->table());
    QTRY_VERIFY(!page->model()->isLoading() && page->model()->rowCount() == 1);
    QTRY_COMPARE(page->findChild<RequestDetailsPane*>()->requestId(), open);
    QTRY_VERIFY(page->findChild<QPushButton*>(QStringLiteral("detailsRevoke"))->isEnabled());
    press(Qt::Key_V, Qt::AltModifier);
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), Action::Revoke);
    QTRY_COMPARE(focusedName(), QStringLiteral("decisionComment"));
    press(Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(f.storedRequest(open).status, RequestStatus::Revoked);
}

void TestAccessibility::toggleTheSettingWithKeysOnly()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    press(Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(focusedName(), QStringLiteral("requireApprovalToggle"));
    press(Qt::Key_Space);
    SettingsPage* page = f.window().settingsPage();
    QTRY_VERIFY(page->confirmation());
    // The offscreen platform has no window manager to activate the new dialog: as one does.
    QApplication::setActiveWindow(page->confirmation());
    QVERIFY(QTest::qWaitForWindowActive(page->confirmation()));
    press(Qt::Key_Y, Qt::AltModifier);
    QTRY_VERIFY(!f.data().store().settings(StoreFixture::megan()).result()->requireApproval);
    QTRY_VERIFY(!page->findChild<QCheckBox*>(QStringLiteral("requireApprovalToggle"))->isChecked());
}

void TestAccessibility::exportAndVerifyWithKeysOnly()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    AuditPage* page = f.window().auditPage();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.jsonl"));
    page->setSaveFileChooser([&](QWidget*) { return path; });
    press(Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(f.window().currentPage(), QStringLiteral("audit"));
    press(Qt::Key_E, Qt::AltModifier);
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "auditBanner").contains(QStringLiteral("Exported")));
    QVERIFY(QFile::exists(path));
    press(Qt::Key_V, Qt::AltModifier);
    QTRY_VERIFY(
        page->findChild<QLabel*>(QStringLiteral("auditVerifyResult"))->text().contains(QStringLiteral("intact")));
}

void TestAccessibility::statusIsNeverToldByColourAlone()
{
    // Every status has a name and an icon of its own shape beside any colour.
    QSet<QString> names;
    for (RequestStatus status : requestStatus::all()) {
        QVERIFY(!StatusIcons::icon(status, QApplication::style()).isNull());
        names.insert(requestStatus::displayName(status));
    }
    QCOMPARE(names.size(), requestStatus::all().size());

    // The table says the status in words and leaves the colours to the palette.
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    RequestTableModel* model = f.window().requestsPage()->model();
    QVERIFY(model->rowCount() > 0);
    for (int column = 0; column < model->columnCount(); ++column) {
        const QModelIndex index = model->index(0, column);
        QVERIFY(!index.data(Qt::ForegroundRole).isValid());
        QVERIFY(!index.data(Qt::BackgroundRole).isValid());
    }
    QCOMPARE(model->index(0, RequestTableModel::Status).data().toString(), QStringLiteral("Pending"));

    // Banners: an icon and a word for good news and for problems.
    NotificationBanner banner;
    QSet<QString> kinds;
    for (NotificationBanner::Kind kind : {NotificationBanner::Kind::Information,
                                          NotificationBanner::Kind::Success,
                                          NotificationBanner::Kind::Warning,
                                          NotificationBanner::Kind::Error}) {
        banner.showMessage(kind, QStringLiteral("text"));
        kinds.insert(banner.accessibleDescription());
    }
    QCOMPARE(kinds.size(), 4);
}

void TestAccessibility::textContrastsWithItsBackground_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << AppPalette::light();
    QTest::newRow("dark") << AppPalette::dark();
}

void TestAccessibility::textContrastsWithItsBackground()
{
    QFETCH(QPalette, palette);
    const PaletteScope scope(palette);
    QStringList pending;
    QString open;
    LOCKBOX_ADMIN_CENTER(
        f, StoreFixture::megan(), [&](StoreFixture& data) { return someRequests(data, &pending, &open); });
    DemoClock clock(StoreFixture::start);
    DemoController demo(&f.window(), &f.session(), &clock, &f.settings(), StoreFixture::start);
    demo.bar()->show(); // made after the window was shown
    for (NotificationBanner* banner : f.window().findChildren<NotificationBanner*>())
        banner->showMessage(NotificationBanner::Kind::Warning, QStringLiteral("Something to act on"));

    // WCAG AA for body text: 4.5:1. Disabled controls are exempt.
    constexpr double minimum = 4.5;
    QStringList faint;
    for (const QString& key : MainWindow::pageKeys()) {
        f.window().showPage(key);
        QTest::qWait(0);
        for (QLabel* label : f.window().findChildren<QLabel*>()) {
            if (!label->isVisible() || !label->isEnabled() || label->text().isEmpty())
                continue;
            const QColor text = label->palette().color(label->foregroundRole());
            const double ratio = contrast(text, backgroundOf(label));
            if (ratio < minimum)
                faint << QStringLiteral("%1 \"%2\" on %3: %4")
                             .arg(label->objectName(), label->text().left(30), key)
                             .arg(ratio, 0, 'f', 2);
        }
    }
    // The request table's cells, the status column's included, selected or not.
    const QPalette table = f.window().requestsPage()->table()->palette();
    for (const auto& [foreground, background, what] :
         {std::tuple {QPalette::Text, QPalette::Base, "table text"},
          std::tuple {QPalette::Text, QPalette::AlternateBase, "table text on alternate rows"},
          std::tuple {QPalette::HighlightedText, QPalette::Highlight, "selected row"},
          std::tuple {QPalette::ButtonText, QPalette::Button, "row buttons"},
          std::tuple {QPalette::PlaceholderText, QPalette::Base, "search hint"}}) {
        const double ratio = contrast(table.color(foreground), table.color(background));
        if (ratio < minimum)
            faint << QStringLiteral("%1: %2").arg(QString::fromLatin1(what)).arg(ratio, 0, 'f', 2);
    }
    // And as painted: the status words of a row that is not selected, right of the icon.
    QTableView* view = f.window().requestsPage()->table();
    f.window().showPage(QStringLiteral("requests"));
    QTest::qWait(0);
    const QRect cell = view->visualRect(view->model()->index(1, RequestTableModel::Status));
    const int iconSpace = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view) + 12;
    const QImage words = view->viewport()->grab(cell.adjusted(iconSpace, 0, 0, 0)).toImage();
    const QColor base = view->palette().color(QPalette::Base);
    double strongest = 1;
    for (int y = 0; y < words.height(); ++y) {
        for (int x = 0; x < words.width(); ++x)
            strongest = std::max(strongest, contrast(words.pixelColor(x, y), base));
    }
    if (strongest < minimum)
        faint << QStringLiteral("status words as painted: %1").arg(strongest, 0, 'f', 2);
    faint.removeDuplicates();
    QVERIFY2(faint.isEmpty(), qPrintable(faint.join(QLatin1Char('\n'))));
}

void TestAccessibility::windowFitsAFullHdScreenAtTwiceTheScale()
{
    // At 200 %, a 1920 x 1080 screen is 960 x 540 for Qt: the window, the demo's bar included, must
    // fit it, everything beyond scrolling rather than being cut off by the screen's edge.
    const QSize screen(960, 540);
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    DemoClock clock(StoreFixture::start);
    DemoController demo(&f.window(), &f.session(), &clock, &f.settings(), StoreFixture::start);
    demo.bar()->show(); // made after the window was shown
    for (const QString& key : MainWindow::pageKeys()) {
        f.window().showPage(key);
        QTest::qWait(0);
        const QSize needed = f.window().minimumSizeHint();
        QVERIFY2(needed.width() <= screen.width() && needed.height() <= screen.height(),
                 qPrintable(QStringLiteral("%1 needs %2 x %3").arg(key).arg(needed.width()).arg(needed.height())));
    }
}
