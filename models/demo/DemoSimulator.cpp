#include "DemoSimulator.h"
#include "core/Guarded.h"

#include "core/Clock.h"
#include "lifecycle/Lifecycle.h"
#include "store/Store.h"

namespace lockbox {

namespace {
struct Scenario
{
    Workload workload;
    const char* reason;
    const char* scope;
};

const Scenario scenarios[] = {
    {Workload::Exchange,
     "Troubleshoot mail flow: messages to a partner domain bounce",
     "Mailbox of lee.gu@contoso.com"},
    {Workload::Exchange,
     "Repair a corrupted inbox rule that deletes incoming mail",
     "Mailbox of miriam.graham@contoso.com"},
    {Workload::SharePoint,
     "Diagnose a document library that fails to load",
     "Site https://contoso.sharepoint.com/sites/Sales"},
    {Workload::OneDrive, "Restore a folder the sync client removed", "OneDrive of ben.walters@contoso.com"},
    {Workload::Teams, "Investigate a channel whose messages do not load", "Team 'Northwind launch' channel messages"},
};
} // namespace

DemoSimulator::DemoSimulator(Store* store, const Clock* clock, const QString& tenantId, quint32 seed, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_tenantId(tenantId)
    , m_cast(DemoCast::standard())
    , m_random(seed)
{
    connect(&m_timer, &QTimer::timeout, this, &DemoSimulator::tick);
    connect(m_store, &Store::requestsChanged, this, [this](const QString& changedTenant, const QStringList& ids) {
        if (changedTenant != m_tenantId)
            return;
        for (const QString& id : ids)
            noticeQuestion(id);
    });
    scheduleNextFiling(m_clock->now());
}

void DemoSimulator::start(int intervalMs)
{
    m_timer.start(intervalMs);
}

void DemoSimulator::setFilingInterval(int minMinutes, int maxMinutes)
{
    m_minInterval = std::max(1, minMinutes);
    m_maxInterval = std::max(m_minInterval, maxMinutes);
    scheduleNextFiling(m_clock->now());
}

void DemoSimulator::scheduleNextFiling(const QDateTime& from)
{
    m_nextFiling = from.addSecs(60 * qint64(m_minInterval + m_random.bounded(m_maxInterval - m_minInterval + 1)));
}

void DemoSimulator::finished()
{
    --m_busy;
}

void DemoSimulator::tick()
{
    if (m_busy > 0)
        return;
    const QDateTime now = m_clock->now();
    ++m_busy;
    // Expiry and window ends first: the store tells every open window what changed.
    m_store->applyDueTransitions().then(QCoreApplication::instance(), guarded(this, [this, now](const Result<int>&) {
                                            while (!m_answerQueue.empty() && m_answerQueue.begin()->first <= now) {
                                                engineerAnswers(m_answerQueue.begin()->second);
                                                m_answerQueue.erase(m_answerQueue.begin());
                                            }
                                            while (!m_managerQueue.empty() && m_managerQueue.begin()->first <= now) {
                                                managerDecides(m_managerQueue.begin()->second);
                                                m_managerQueue.erase(m_managerQueue.begin());
                                            }
                                            if (now >= m_nextFiling) {
                                                fileOne(now);
                                                scheduleNextFiling(now);
                                            }
                                            finished();
                                        }));
}

void DemoSimulator::fileOne(const QDateTime& now)
{
    const Scenario& scenario = scenarios[m_random.bounded(int(std::size(scenarios)))];
    NewRequest wanted;
    wanted.tenantId = m_tenantId;
    wanted.workload = scenario.workload;
    wanted.serviceRequest = QStringLiteral("SR%1").arg(2611300000LL + m_random.bounded(99999));
    wanted.reason = QString::fromUtf8(scenario.reason);
    wanted.scope = QString::fromUtf8(scenario.scope);
    wanted.durationMinutes = std::array {30, 60, 60, 120, 240}[m_random.bounded(5)];
    const DemoCast::Person& engineer = m_cast.engineers.at(m_random.bounded(int(m_cast.engineers.size())));
    ++m_busy;
    m_store->fileRequest(Actor {engineer.principal, operatorTenantId}, wanted)
        .then(QCoreApplication::instance(), guarded(this, [this, now](const Result<AccessRequest>& filed) {
                  if (filed)
                      m_managerQueue.emplace(now.addSecs(60 * qint64(2 + m_random.bounded(9))), filed->id);
                  finished();
              }));
}

bool DemoSimulator::engineerMayAnswer(const AccessRequest& request) const
{
    const Actor engineer {request.requester, operatorTenantId, Role::SupportEngineer};
    return Lifecycle::mayPerform(engineer, Action::Answer, request, m_clock->now()).isOk();
}

Actor DemoSimulator::anyManager()
{
    const DemoCast::Person& manager = m_cast.managers.at(m_random.bounded(int(m_cast.managers.size())));
    return Actor {manager.principal, operatorTenantId};
}

void DemoSimulator::noticeQuestion(const QString& requestId)
{
    if (m_awaitingAnswer.contains(requestId))
        return;
    ++m_busy;
    // The operator's managers see every tenant's requests: read it as one of them.
    m_store->request(anyManager(), requestId)
        .then(QCoreApplication::instance(), guarded(this, [this](const Result<AccessRequest>& request) {
                  finished();
                  if (!request || m_awaitingAnswer.contains(request->id) || !engineerMayAnswer(*request))
                      return;
                  QDateTime asked = m_clock->now();
                  for (const Decision& step : request->decisions) {
                      if (step.kind == Decision::Kind::Question)
                          asked = step.at;
                  }
                  m_awaitingAnswer.insert(request->id);
                  // The engineer is at their desk: an answer a few demo minutes after the question.
                  m_answerQueue.emplace(asked.addSecs(60 * qint64(2 + m_random.bounded(4))), request->id);
              }));
}

void DemoSimulator::engineerAnswers(const QString& requestId)
{
    ++m_busy;
    m_store->request(anyManager(), requestId)
        .then(QCoreApplication::instance(), guarded(this, [this, requestId](const Result<AccessRequest>& request) {
                  m_awaitingAnswer.remove(requestId);
                  if (!request || !engineerMayAnswer(*request)) {
                      finished();
                      return;
                  }
                  const QString answer
                      = QStringLiteral("Only %1, for %2 minutes: the customer's ticket %3 has the error trace, and "
                                       "I will not open anything else.")
                            .arg(request->scope)
                            .arg(request->durationMinutes)
                            .arg(request->serviceRequest);
                  m_store->perform(Actor {request->requester, operatorTenantId}, requestId, Action::Answer, answer)
                      .then(QCoreApplication::instance(),
                            guarded(this, [this](const Result<AccessRequest>&) { finished(); }));
              }));
}

void DemoSimulator::managerDecides(const QString& requestId)
{
    const Actor actor = anyManager();
    // Most requests are sound; a few the manager sends back.
    const bool approve = m_random.bounded(10) != 0;
    ++m_busy;
    m_store
        ->perform(actor,
                  requestId,
                  approve ? Action::ManagerApprove : Action::ManagerReject,
                  approve ? QString() : QStringLiteral("Try the diagnostics tool first."))
        .then(QCoreApplication::instance(), guarded(this, [this](const Result<AccessRequest>& decided) {
                  if (decided && decided->status == RequestStatus::Pending)
                      emit requestAwaitsApproval(*decided);
                  else if (decided && decided->status == RequestStatus::Approved)
                      emit requestApprovedBySystem(*decided);
                  finished();
              }));
}

} // namespace lockbox
