#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace lockbox {

class AppSettings;
class AuditPage;
class HomePage;
class NotificationBanner;
class PendingWatch;
class TrayIcon;
class RequestsPage;
class RolesPage;
class Session;
class SettingsPage;

// The Lockbox Admin Center: navigation on the left (Home, Customer Lockbox requests, Audit log,
// Roles, Settings), a header with tenant, person, role and store, and the pages. It wires pages
// together through their signals; no page reaches into another.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Session* session, AppSettings* settings, QWidget* parent = nullptr);

    // Page keys: "home", "requests", "audit", "roles", "settings".
    void showPage(const QString& key);
    QString currentPage() const;
    static QStringList pageKeys();

    // A bar above every page (the training demo's).
    void addTopBar(QWidget* bar);
    // Shows the request on the requests page (from a notification, say).
    void openRequest(const QString& requestId);

    RequestsPage* requestsPage() const { return m_requests; }
    HomePage* homePage() const { return m_home; }
    SettingsPage* settingsPage() const { return m_settings; }
    AuditPage* auditPage() const { return m_audit; }
    RolesPage* rolesPage() const { return m_roles; }
    PendingWatch* pendingWatch() const { return m_watch; }
    TrayIcon* trayIcon() const { return m_tray; }

signals:
    // The admin asked to sign out of the service (the button shows for a service session only).
    void signOutRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void updateHeader();
    void showConnection(bool online);
    void bringToFront();

    Session* m_session;
    AppSettings* m_appSettings;
    QLabel* m_header;
    QPushButton* m_signOut;
    NotificationBanner* m_connection;
    NotificationBanner* m_notice;
    PendingWatch* m_watch;
    TrayIcon* m_tray;
    QVBoxLayout* m_layout = nullptr;
    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    HomePage* m_home;
    RequestsPage* m_requests;
    AuditPage* m_audit;
    RolesPage* m_roles;
    SettingsPage* m_settings;
};

} // namespace lockbox
