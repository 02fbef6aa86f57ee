#pragma once

#include "domain/Actor.h"
#include "seed/SeedGenerator.h"

#include <QDateTime>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <map>

namespace lockbox {

class Clock;
class Store;
struct AccessRequest;

// The operator's side of the training demo: simulated engineers file requests at random
// (demo-clock) intervals, simulated managers approve most of them a few minutes later so that
// they reach the trainee as Pending, the engineer answers the trainee's questions a few minutes
// after they are asked, and what the clock says is due (expiry, escalation, window ends) is
// applied as time passes. Everything goes through the store, like a real engineer's request.
class DemoSimulator : public QObject
{
    Q_OBJECT

public:
    DemoSimulator(Store* store, const Clock* clock, const QString& tenantId, quint32 seed, QObject* parent = nullptr);

    // Ticks every `intervalMs` of real time; tests call tick() themselves.
    void start(int intervalMs = 500);
    void stop() { m_timer.stop(); }
    // Files due requests, runs due manager decisions and applies due transitions. One tick at a
    // time: a tick that finds the previous one still running does nothing.
    void tick();
    bool isBusy() const { return m_busy > 0; }

    // Demo minutes between two simulated filings (random within).
    void setFilingInterval(int minMinutes, int maxMinutes);

signals:
    // A request reached the customer: it waits for the trainee's decision.
    void requestAwaitsApproval(const lockbox::AccessRequest& request);
    // A request was approved without the customer (the tenant's setting is off).
    void requestApprovedBySystem(const lockbox::AccessRequest& request);

private:
    void fileOne(const QDateTime& now);
    void managerDecides(const QString& requestId);
    // A request changed: if it now waits for its engineer's answer, the answer comes later.
    void noticeQuestion(const QString& requestId);
    void engineerAnswers(const QString& requestId);
    // Whether the lifecycle lets the engineer who filed it answer now (a question is open).
    bool engineerMayAnswer(const AccessRequest& request) const;
    Actor anyManager();
    void scheduleNextFiling(const QDateTime& from);
    void finished();

    Store* m_store;
    const Clock* m_clock;
    QString m_tenantId;
    DemoCast m_cast;
    QRandomGenerator m_random;
    QDateTime m_nextFiling;
    std::multimap<QDateTime, QString> m_managerQueue; // when the manager decides, on which request
    std::multimap<QDateTime, QString> m_answerQueue; // when the engineer answers, on which request
    QSet<QString> m_awaitingAnswer;
    int m_minInterval = 20;
    int m_maxInterval = 90;
    int m_busy = 0;
    QTimer m_timer;
};

} // namespace lockbox
