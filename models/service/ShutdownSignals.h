#pragma once

#include <QObject>

class QSocketNotifier;

namespace lockbox {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (self-pipe), so that lockboxd
// stops listening and closes its database cleanly when systemd or Ctrl+C asks it to.
class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject* parent = nullptr);
    ~ShutdownSignals() override;

signals:
    void shutdownRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace lockbox
