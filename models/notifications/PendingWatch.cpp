#include "PendingWatch.h"

#include "core/Guarded.h"
#include "domain/Workload.h"
#include "itemmodels/TimeFormat.h"
#include "lifecycle/Lifecycle.h"
#include "session/Session.h"
#include "store/Store.h"

namespace lockbox {

namespace {

// Beyond this many remembered requests the watch starts over silently, so a window left open
// for weeks does not grow without end.
constexpr qsizetype maxRemembered = 20'000;

QString references(const QList<AccessRequest>& requests)
{
    QStringList names;
    for (const AccessRequest& request : requests)
        names.append(request.reference);
    return names.join(QStringLiteral(", "));
}

// The first lookAhead pending requests in this order.
RequestQuery pendingBy(RequestQuery::SortKey key, Qt::SortOrder order)
{
    RequestQuery query;
    query.statuses = {RequestStatus::Pending};
    query.sortKey = key;
    query.order = order;
    query.limit = PendingWatch::lookAhead;
    return query;
}

QStringList ids(const QList<AccessRequest>& requests)
{
    QStringList list;
    for (const AccessRequest& request : requests)
        list.append(request.id);
    return list;
}

} // namespace

PendingWatch::PendingWatch(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
{
    qRegisterMetaType<PendingNotice>();
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, [this] {
        const Scope scope = m_next.value_or(Scope::Everything);
        m_next.reset();
        look(scope);
    });
    connect(session, &Session::signedIn, this, &PendingWatch::startOver);
    // Time passing brings expiry warnings and escalations; new requests come with requestsChanged.
    connect(session, &Session::ticked, this, [this] { look(Scope::Timely); });
    connect(session, &Session::onlineChanged, this, [this](bool online) {
        if (online)
            refresh();
    });
    connect(session->store(), &Store::requestsChanged, this, [this](const QString& tenantId) {
        if (tenantId == m_session->actor().tenantId)
            lookSoon(Scope::Everything);
    });
}

void PendingWatch::startOver()
{
    ++m_generation;
    m_baselined = false;
    m_announced.clear();
    m_warned.clear();
    m_escalated.clear();
    m_running = false;
    m_again.reset();
    m_next.reset();
    refresh();
}

bool PendingWatch::awaitsMe(const AccessRequest& request) const
{
    return bool(Lifecycle::mayPerform(m_session->actor(), Action::Approve, request, m_session->now()));
}

void PendingWatch::refresh()
{
    look(Scope::Everything);
}

void PendingWatch::lookSoon(Scope scope)
{
    m_next = std::max(m_next.value_or(scope), scope);
    m_soon.start();
}

void PendingWatch::look(Scope scope)
{
    if (!m_session->isSignedIn() || !m_session->isOnline())
        return;
    if (m_running) {
        m_again = std::max(m_again.value_or(scope), scope);
        return;
    }
    m_running = true;
    readSummary(scope, m_generation);
}

void PendingWatch::readSummary(Scope scope, quint64 generation)
{
    const Actor actor = m_session->actor();
    m_session->store()->summary(actor).then(QCoreApplication::instance(),
                                            guarded(this, [=, this](const Result<RequestSummary>& summary) {
                                                if (generation != m_generation)
                                                    return;
                                                if (summary && summary->pending != m_pendingCount) {
                                                    m_pendingCount = summary->pending;
                                                    emit pendingCountChanged(m_pendingCount);
                                                }
                                                if (!Lifecycle::permits(actor, Action::Approve, actor.tenantId))
                                                    finishRefresh();
                                                else if (scope == Scope::Everything)
                                                    readNewest(generation);
                                                else
                                                    readSoonest(generation);
                                            }));
}

void PendingWatch::readNewest(quint64 generation)
{
    m_session->store()
        ->listRequests(m_session->actor(), pendingBy(RequestQuery::SortKey::Created, Qt::DescendingOrder))
        .then(QCoreApplication::instance(), guarded(this, [=, this](const Result<Page<AccessRequest>>& newest) {
                  if (generation != m_generation)
                      return;
                  if (!newest) {
                      finishRefresh();
                      return;
                  }
                  if (m_announced.size() + m_warned.size() + m_escalated.size() > maxRemembered) {
                      m_announced.clear();
                      m_warned.clear();
                      m_escalated.clear();
                      m_baselined = false; // start over silently
                  }
                  QList<AccessRequest> fresh;
                  for (const AccessRequest& request : newest->items) {
                      if (m_announced.contains(request.id) || !awaitsMe(request))
                          continue;
                      m_announced.insert(request.id);
                      fresh.append(request);
                  }
                  // What was pending at sign-in is counted in the tray, not announced.
                  if (m_baselined)
                      announce(PendingNotice::Kind::AwaitingApproval, fresh);
                  m_baselined = true;
                  readSoonest(generation);
              }));
}

void PendingWatch::readSoonest(quint64 generation)
{
    // The soonest to expire: those within the hour, and the escalated ones.
    m_session->store()
        ->listRequests(m_session->actor(), pendingBy(RequestQuery::SortKey::Expires, Qt::AscendingOrder))
        .then(QCoreApplication::instance(), guarded(this, [=, this](const Result<Page<AccessRequest>>& soonest) {
                  if (generation != m_generation)
                      return;
                  const bool backup
                      = Lifecycle::isBackupApprover(m_session->tenantSettings(), m_session->actor().principal);
                  const QDateTime warnFrom = m_session->now().addSecs(expiryWarningSeconds);
                  QList<AccessRequest> lapsing;
                  QList<AccessRequest> escalated;
                  for (const AccessRequest& request : soonest ? soonest->items : QList<AccessRequest> {}) {
                      if (!awaitsMe(request))
                          continue;
                      if (backup && request.escalatedAt.isValid() && !m_escalated.contains(request.id)) {
                          m_escalated.insert(request.id);
                          escalated.append(request);
                      }
                      if (request.expires <= warnFrom && !m_warned.contains(request.id)) {
                          m_warned.insert(request.id);
                          lapsing.append(request);
                      }
                  }
                  announce(PendingNotice::Kind::Escalated, escalated);
                  announce(PendingNotice::Kind::ExpiringSoon, lapsing);
                  finishRefresh();
              }));
}

void PendingWatch::finishRefresh()
{
    m_running = false;
    emit refreshed();
    if (m_again) {
        lookSoon(*m_again);
        m_again.reset();
    }
}

void PendingWatch::announce(PendingNotice::Kind kind, const QList<AccessRequest>& requests)
{
    if (requests.isEmpty())
        return;
    PendingNotice message;
    message.kind = kind;
    message.requestIds = ids(requests);
    const AccessRequest& first = requests.first();
    const int count = int(requests.size());
    if (kind == PendingNotice::Kind::AwaitingApproval) {
        if (count == 1) {
            message.title = tr("Request %1 awaits your approval").arg(first.reference);
            message.text = tr("%1 asks for %2 access for %3. Reason: %4")
                               .arg(first.requester,
                                    workloads::displayName(first.workload),
                                    TimeFormat::duration(first.durationMinutes),
                                    first.reason);
        } else {
            message.title = tr("%n requests await your approval", nullptr, count);
            message.text = references(requests);
        }
    } else if (kind == PendingNotice::Kind::Escalated) {
        if (count == 1) {
            message.title = tr("Request %1 was escalated to you").arg(first.reference);
            message.text = tr("Nobody has decided on it yet, and it expires at %1. You are one of the backup "
                              "approvers.")
                               .arg(TimeFormat::utc(first.expires));
        } else {
            message.title = tr("%n requests were escalated to you", nullptr, count);
            message.text = references(requests);
        }
    } else {
        const QDateTime now = m_session->now();
        if (count == 1) {
            message.title
                = tr("Request %1 expires in %2").arg(first.reference, TimeFormat::remaining(now, first.expires));
            message.text
                = tr("Approve or deny it before %1, or it expires undecided.").arg(TimeFormat::utc(first.expires));
        } else {
            message.title = tr("%n requests expire within the hour", nullptr, count);
            message.text = tr("Undecided: %1").arg(references(requests));
        }
    }
    emit notice(message);
}

} // namespace lockbox
