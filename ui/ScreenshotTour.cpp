#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "itemmodels/RequestTableModel.h"
#include "requests/RequestsPage.h"

#include <QDir>
#include <QTableView>
#include <QTimer>

namespace lockbox {

namespace {
constexpr int settleMs = 600; // lets the page's store calls finish and the view lay out
}

ScreenshotTour::ScreenshotTour(MainWindow* window, QString folder, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_folder(std::move(folder))
{ }

void ScreenshotTour::start()
{
    if (!QDir().mkpath(m_folder)) {
        emit finished(false, tr("Cannot create the folder %1.").arg(m_folder));
        return;
    }
    m_step = 0;
    QTimer::singleShot(settleMs, this, &ScreenshotTour::next);
}

// Every page, then the requests page once more on a request whose access window is open, to show
// its approval and signature.
QStringList ScreenshotTour::shots()
{
    return MainWindow::pageKeys() << QStringLiteral("access-open");
}

void ScreenshotTour::next()
{
    const QStringList pages = shots();
    if (m_step > 0) {
        const QString file = QDir(m_folder).filePath(QStringLiteral("%1.png").arg(pages.at(m_step - 1)));
        if (!m_window->grab().save(file)) {
            emit finished(false, tr("Cannot write %1.").arg(file));
            return;
        }
        m_saved << file;
    }
    if (m_step == pages.size()) {
        emit finished(true, tr("Saved %1").arg(m_saved.join(QStringLiteral(", "))));
        return;
    }
    const QString page = pages.at(m_step);
    ++m_step;
    auto selectFirstRow = [this] {
        QTableView* table = m_window->requestsPage()->table();
        if (table->model()->rowCount() > 0)
            table->setCurrentIndex(table->model()->index(0, RequestTableModel::Reference));
    };
    if (page == QLatin1String("access-open")) {
        // The preset reloads the list: select once the rows are there.
        m_window->showPage(QStringLiteral("requests"));
        m_window->requestsPage()->applyPreset(RequestListPreset::AccessOpen);
        QTimer::singleShot(settleMs, this, selectFirstRow);
        QTimer::singleShot(2 * settleMs, this, &ScreenshotTour::next);
        return;
    }
    m_window->showPage(page);
    if (page == QLatin1String("requests"))
        selectFirstRow();
    QTimer::singleShot(settleMs, this, &ScreenshotTour::next);
}

} // namespace lockbox
