#pragma once

#include <QObject>
#include <QString>

namespace lockbox {

class MainWindow;

// Visits every page of the main window (and the requests page on a request with open access),
// lets each load, and saves a PNG of it into a folder:
// `lockbox-admin --demo --screenshots docs/screenshots` regenerates the README's pictures.
class ScreenshotTour : public QObject
{
    Q_OBJECT

public:
    ScreenshotTour(MainWindow* window, QString folder, QObject* parent = nullptr);

    // Starts the tour; finished() tells whether every picture was saved.
    void start();

signals:
    void finished(bool ok, const QString& message);

private:
    static QStringList shots();
    void next();

    MainWindow* m_window;
    QString m_folder;
    int m_step = 0;
    QStringList m_saved;
};

} // namespace lockbox
