#pragma once

#include "StoreFixture.h"

#include <QModelIndex>
#include <memory>

class QWidget;

namespace lockbox {
class AppSettings;
class DecisionDialog;
class RequestsPage;
class MainWindow;
class Session;
} // namespace lockbox

// The real main window on a temporary store, signed in as someone, with preferences in a
// temporary file: what the GUI tests click through.
class AdminCenterFixture
{
public:
    AdminCenterFixture();
    ~AdminCenterFixture();

    // Sets up the store (see StoreFixture), lets `prepare` add data, then opens the window signed
    // in as `who` and waits until the request list has loaded.
    bool setUp(const lockbox::Actor& who, QString* problem, const std::function<bool(StoreFixture&)>& prepare = {});

    StoreFixture& data() { return m_data; }
    lockbox::Session& session() { return *m_session; }
    lockbox::MainWindow& window() { return *m_window; }
    lockbox::AppSettings& settings() { return *m_settings; }
    QString settingsFile() const;

    // Clicks the Approve or Deny button painted in the actions cell of `row` of the request table.
    void clickRowButton(int row, bool approve);
    lockbox::AccessRequest storedRequest(const QString& id);

    // The text of the banner named `name` inside `parent`, empty while it is hidden.
    static QString bannerText(QWidget* parent, const char* name);
    // The page's decision dialog once it is open (within 5 s), or nothing.
    static lockbox::DecisionDialog* waitForDecisionDialog(lockbox::RequestsPage* page);

private:
    StoreFixture m_data;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<lockbox::AppSettings> m_settings;
    std::unique_ptr<lockbox::Session> m_session;
    std::unique_ptr<lockbox::MainWindow> m_window;
};

// Declares `name`, the Admin Center signed in as `who` on a fresh store (optionally prepared, see
// AdminCenterFixture::setUp), or fails the test saying why.
#define LOCKBOX_ADMIN_CENTER(name, who, ...)                                                                           \
    AdminCenterFixture name;                                                                                           \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(name.setUp(who, &problem_, ##__VA_ARGS__), qPrintable(problem_));                                     \
    } while (false)
