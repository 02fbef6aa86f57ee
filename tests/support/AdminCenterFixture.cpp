#include "AdminCenterFixture.h"
#include "common/NotificationBanner.h"
#include "core/Guarded.h"
#include "requests/DecisionDialog.h"

#include "MainWindow.h"
#include "itemmodels/RequestTableModel.h"
#include "requests/DecisionButtonsDelegate.h"
#include "requests/RequestsPage.h"
#include "session/Session.h"
#include "settings/AppSettings.h"

#include <QTableView>
#include <QTest>

using namespace lockbox;

AdminCenterFixture::AdminCenterFixture() = default;

AdminCenterFixture::~AdminCenterFixture()
{
    m_window.reset();
    m_session.reset();
}

QString AdminCenterFixture::settingsFile() const
{
    return m_settingsDir.filePath(QStringLiteral("lockbox-admin.ini"));
}

bool AdminCenterFixture::setUp(const Actor& who, QString* problem, const std::function<bool(StoreFixture&)>& prepare)
{
    if (!m_data.setUp(problem))
        return false;
    if (prepare && !prepare(m_data)) {
        *problem = QStringLiteral("preparing the data failed");
        return false;
    }
    m_settings = std::make_unique<AppSettings>(settingsFile());
    m_session = std::make_unique<Session>(&m_data.store(), m_data.sharedClock());
    m_window = std::make_unique<MainWindow>(m_session.get(), m_settings.get());
    m_window->resize(1280, 800);
    m_window->show();
    // Shortcuts (Alt+A, Ctrl+1, ...) only reach the active window.
    if (!QTest::qWaitForWindowActive(m_window.get())) {
        *problem = QStringLiteral("the main window did not become active");
        return false;
    }
    Status signedIn;
    bool done = false;
    m_session->signIn(who).then(QCoreApplication::instance(), guarded(m_window.get(), [&](const Status& status) {
                                    signedIn = status;
                                    done = true;
                                }));
    if (!QTest::qWaitFor([&] { return done; }, 10000) || !signedIn) {
        *problem = done ? signedIn.error().message() : QStringLiteral("sign-in did not finish");
        return false;
    }
    RequestTableModel* model = m_window->requestsPage()->model();
    if (!QTest::qWaitFor([&] { return !model->isLoading(); }, 10000)) {
        *problem = QStringLiteral("the request list did not load");
        return false;
    }
    return true;
}

void AdminCenterFixture::clickRowButton(int row, bool approve)
{
    QTableView* table = m_window->requestsPage()->table();
    const QModelIndex index = table->model()->index(row, RequestTableModel::Actions);
    table->scrollTo(index);
    QStyleOptionViewItem option;
    option.rect = table->visualRect(index);
    option.font = table->font();
    const QRect button
        = approve ? DecisionButtonsDelegate::approveRect(option) : DecisionButtonsDelegate::denyRect(option);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, button.center());
}

AccessRequest AdminCenterFixture::storedRequest(const QString& id)
{
    Result<AccessRequest> stored = m_data.store().request(StoreFixture::megan(), id).result();
    return stored ? *stored : AccessRequest();
}

QString AdminCenterFixture::bannerText(QWidget* parent, const char* name)
{
    auto* banner = parent->findChild<NotificationBanner*>(QString::fromLatin1(name));
    return banner && banner->isVisible() ? banner->text() : QString();
}

DecisionDialog* AdminCenterFixture::waitForDecisionDialog(RequestsPage* page)
{
    return QTest::qWaitFor([&] { return page->openDecisionDialog() != nullptr; }, 5000) ? page->openDecisionDialog()
                                                                                        : nullptr;
}
