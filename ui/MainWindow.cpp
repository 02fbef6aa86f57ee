#include "MainWindow.h"
#include "common/LanguageChooser.h"
#include "common/NotificationBanner.h"
#include "common/TabOrder.h"

#include "audit/AuditPage.h"
#include "home/HomePage.h"
#include "itemmodels/RequestTableModel.h"
#include "notifications/PendingWatch.h"
#include "notifications/TrayIcon.h"
#include "requests/RequestsPage.h"
#include "roles/RolesPage.h"
#include "session/Session.h"
#include "settings/AppSettings.h"
#include "settings/SettingsPage.h"
#include "store/Store.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace lockbox {

namespace {

// Puts the focus on the first control of `page` that Tab reaches, where it shows: the page itself
// takes no focus, and a focus on it is invisible.
void focusFirstControl(QWidget* page)
{
    for (QWidget* stop : TabOrder::stops(page)) {
        if (stop->isVisible() && stop->isEnabled()) {
            stop->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
    page->setFocus(Qt::ShortcutFocusReason);
}

} // namespace

MainWindow::MainWindow(Session* session, AppSettings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_appSettings(settings)
    , m_header(new QLabel(this))
    , m_signOut(new QPushButton(tr("Sign &out"), this))
    , m_connection(new NotificationBanner(this))
    , m_notice(new NotificationBanner(this))
    , m_watch(new PendingWatch(session, this))
    , m_tray(new TrayIcon(m_watch, this))
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_home(new HomePage(session, this))
    , m_requests(new RequestsPage(session, this))
    , m_audit(new AuditPage(session, this))
    , m_roles(new RolesPage(session, this))
    , m_settings(new SettingsPage(session, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Lockbox Admin Center"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/org.lockbox.AdminCenter.svg")));
    m_header->setObjectName(QStringLiteral("headerLabel"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    // The name a screen reader reads is the text itself; the description says what it is.
    m_header->setAccessibleDescription(tr("The organisation, person and role you are signed in as"));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setAccessibleDescription(
        tr("The pages of the Admin Center. Ctrl+1 to Ctrl+5 open them from anywhere in the window."));
    const QList<std::pair<QString, QStyle::StandardPixmap>> entries
        = {{tr("Home"), QStyle::SP_DirHomeIcon},
           {tr("Customer Lockbox requests"), QStyle::SP_FileDialogDetailedView},
           {tr("Audit log"), QStyle::SP_FileDialogContentsView},
           {tr("Roles"), QStyle::SP_DirIcon},
           {tr("Settings (Security & privacy)"), QStyle::SP_FileDialogInfoView}};
    int shortcut = 1;
    for (const auto& [text, icon] : entries) {
        auto* item = new QListWidgetItem(style()->standardIcon(icon), text, m_navigation);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(text).arg(shortcut));
        auto* action = new QAction(this);
        action->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(shortcut)));
        const int row = shortcut - 1;
        connect(action, &QAction::triggered, this, [this, row] {
            m_navigation->setCurrentRow(row);
            focusFirstControl(m_pages->currentWidget());
        });
        addAction(action);
        ++shortcut;
    }
    m_navigation->setMaximumWidth(m_navigation->sizeHintForColumn(0) + 32);
    m_navigation->setMinimumWidth(m_navigation->sizeHintForColumn(0) + 16);

    for (QWidget* page : {static_cast<QWidget*>(m_home),
                          static_cast<QWidget*>(m_requests),
                          static_cast<QWidget*>(m_audit),
                          static_cast<QWidget*>(m_roles),
                          static_cast<QWidget*>(m_settings)})
        m_pages->addWidget(page);

    auto* central = new QWidget(this);
    auto* body = new QHBoxLayout;
    body->addWidget(m_navigation);
    body->addWidget(m_pages, 1);
    m_layout = new QVBoxLayout(central);
    auto* top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(new LanguageChooser(m_appSettings, this));
    top->addWidget(m_signOut);
    m_layout->addLayout(top);
    m_connection->setObjectName(QStringLiteral("connectionBanner"));
    m_connection->hide();
    m_layout->addWidget(m_connection);
    m_notice->setObjectName(QStringLiteral("noticeBanner"));
    m_layout->addWidget(m_notice);
    m_layout->addLayout(body, 1);
    setCentralWidget(central);
    setTabOrder(m_navigation, m_pages);

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this] { m_appSettings->setLastPage(currentPage()); });
    connect(m_home, &HomePage::openRequests, this, [this](RequestListPreset preset) {
        m_requests->applyPreset(preset);
        showPage(QStringLiteral("requests"));
        // The card's page is gone: the focus goes to the list it opened.
        m_requests->table()->setFocus(Qt::OtherFocusReason);
    });
    connect(session, &Session::signedIn, this, &MainWindow::updateHeader);
    m_signOut->setObjectName(QStringLiteral("signOutButton"));
    m_signOut->setAccessibleDescription(tr("Ends your session at the Lockbox service and forgets it on this computer"));
    m_signOut->setVisible(session->isRemote());
    connect(m_signOut, &QPushButton::clicked, this, &MainWindow::signOutRequested);
    connect(session, &Session::onlineChanged, this, &MainWindow::showConnection);
    connect(session, &Session::settingsChanged, this, &MainWindow::updateHeader);

    // Notices go to the desktop through the tray; where there is no tray, a banner here says them.
    connect(m_tray, &TrayIcon::openRequest, this, [this](const QString& requestId) {
        bringToFront();
        openRequest(requestId);
    });
    connect(m_tray, &TrayIcon::showWindow, this, &MainWindow::bringToFront);
    connect(m_tray, &TrayIcon::quitRequested, this, &QWidget::close);
    connect(m_tray, &TrayIcon::unshownNotice, this, [this](const PendingNotice& notice) {
        const auto kind = notice.kind != PendingNotice::Kind::AwaitingApproval ? NotificationBanner::Kind::Warning
                                                                               : NotificationBanner::Kind::Information;
        m_notice->showMessage(kind,
                              tr("%1. %2").arg(notice.title, notice.text),
                              notice.requestIds.isEmpty() ? QString() : tr("Open &request"));
        QApplication::alert(this);
    });
    connect(m_notice, &NotificationBanner::actionTriggered, this, [this] {
        if (!m_tray->lastNotice().requestIds.isEmpty())
            openRequest(m_tray->lastNotice().requestIds.first());
    });

    statusBar()->setObjectName(QStringLiteral("statusBar"));
    resize(1280, 800);
    if (!m_appSettings->windowGeometry().isEmpty())
        restoreGeometry(m_appSettings->windowGeometry());
    if (!m_appSettings->splitterState().isEmpty())
        m_requests->splitter()->restoreState(m_appSettings->splitterState());
    showPage(m_appSettings->lastPage());
    updateHeader();
}

void MainWindow::openRequest(const QString& requestId)
{
    showPage(QStringLiteral("requests"));
    m_requests->selectRequest(requestId);
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

void MainWindow::showConnection(bool online)
{
    const QString location = m_session->store()->location();
    if (online) {
        m_connection->showMessage(NotificationBanner::Kind::Success,
                                  tr("Connected to %1 again: the pages are up to date.").arg(location));
        m_requests->model()->refresh();
    } else {
        m_connection->showMessage(NotificationBanner::Kind::Warning,
                                  tr("The Lockbox service at %1 cannot be reached. What you see may be out of date, "
                                     "and decisions are refused until it is back. Reconnecting…")
                                      .arg(location));
    }
    m_connection->show();
    setWindowTitle(online ? tr("Lockbox Admin Center") : tr("Lockbox Admin Center (out of date)"));
}

void MainWindow::addTopBar(QWidget* bar)
{
    m_layout->insertWidget(0, bar);
    // Above everything, so first in the Tab order: before the header's controls.
    if (auto* language = findChild<LanguageChooser*>())
        TabOrder::chain({bar, language});
}

QStringList MainWindow::pageKeys()
{
    return {QStringLiteral("home"),
            QStringLiteral("requests"),
            QStringLiteral("audit"),
            QStringLiteral("roles"),
            QStringLiteral("settings")};
}

void MainWindow::showPage(const QString& key)
{
    const int index = int(pageKeys().indexOf(key));
    m_navigation->setCurrentRow(index >= 0 ? index : 1);
}

QString MainWindow::currentPage() const
{
    return pageKeys().value(m_navigation->currentRow());
}

void MainWindow::updateHeader()
{
    if (!m_session->isSignedIn()) {
        m_header->setText(tr("Not signed in · %1").arg(m_session->store()->location()));
        return;
    }
    const Actor& actor = m_session->actor();
    const QString tenant
        = m_session->tenantSettings().displayName.isEmpty() ? actor.tenantId : m_session->tenantSettings().displayName;
    const QString person = m_session->displayName().isEmpty()
        ? actor.principal
        : QStringLiteral("%1 (%2)").arg(m_session->displayName(), actor.principal);
    m_header->setText(tr("%1 · %2 · %3").arg(tenant, person, roles::displayName(actor.role)));
    statusBar()->showMessage(tr("Local store: %1 (open)").arg(m_session->store()->location()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_appSettings->setWindowGeometry(saveGeometry());
    m_appSettings->setSplitterState(m_requests->splitter()->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace lockbox
