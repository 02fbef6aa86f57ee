#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>

class QDockWidget;

namespace lockbox {

class AppSettings;
class DemoBar;
class DemoClock;
class DemoSimulator;
class ExerciseTracker;
class FileRequestDialog;
class MainWindow;
class Session;
class Store;

// Turns the Admin Center into the training demo: the demo bar on every page, the simulated
// operator side, the exercises, persona switching, filing a request as an engineer, and starting
// over. The store is the demo's own temporary one; nothing real is touched.
class DemoController : public QObject
{
    Q_OBJECT

public:
    DemoController(MainWindow* window,
                   Session* session,
                   DemoClock* clock,
                   AppSettings* settings,
                   QDateTime demoStart,
                   QObject* parent = nullptr);

    DemoBar* bar() const { return m_bar; }
    DemoSimulator* simulator() const { return m_simulator; }
    ExerciseTracker* exercises() const { return m_tracker; }
    QDockWidget* exercisesDock() const { return m_dock; }
    FileRequestDialog* fileRequestDialog() const;

    // Starts the simulated operator side.
    void start();

private:
    void fileRequest();
    void resetDemo();

    MainWindow* m_window;
    Session* m_session;
    DemoBar* m_bar;
    DemoSimulator* m_simulator;
    ExerciseTracker* m_tracker;
    QDockWidget* m_dock;
    QPointer<FileRequestDialog> m_fileDialog;
};

} // namespace lockbox
