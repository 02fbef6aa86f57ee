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

void ScreenshotTour::next()
{
    const QStringList pages = MainWindow::pageKeys();
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
    m_window->showPage(pages.at(m_step));
    if (pages.at(m_step) == QLatin1String("requests")) {
        QTableView* table = m_window->requestsPage()->table();
        if (table->model()->rowCount() > 0)
            table->setCurrentIndex(table->model()->index(0, RequestTableModel::Reference));
    }
    ++m_step;
    QTimer::singleShot(settleMs, this, &ScreenshotTour::next);
}

} // namespace lockbox
