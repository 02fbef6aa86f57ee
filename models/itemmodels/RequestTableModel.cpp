#include "RequestTableModel.h"
#include "core/Guarded.h"

#include "TimeFormat.h"
#include "lifecycle/Lifecycle.h"
#include "session/Session.h"
#include "store/Store.h"

namespace lockbox {

namespace {
constexpr int pageSize = 100;
constexpr int countdownMs = 15'000;
} // namespace

RequestTableModel::RequestTableModel(Session* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    m_query.statuses = {RequestStatus::Pending};
    m_query.sortKey = RequestQuery::SortKey::Created;
    m_query.order = Qt::DescendingOrder;
    m_query.limit = pageSize;
    connect(session->store(), &Store::requestsChanged, this, &RequestTableModel::updateRequests);
    connect(&m_countdown, &QTimer::timeout, this, &RequestTableModel::tick);
    m_countdown.start(countdownMs);
}

int RequestTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestTableModel::statusText(const AccessRequest& request) const
{
    return request.statusText();
}

QVariant RequestTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AccessRequest& request = m_rows.at(index.row());
    const QDateTime now = m_session->now();
    const bool undecided = Lifecycle::isAwaitingDecision(request);
    switch (role) {
    case RequestIdRole:
        return request.id;
    case StatusRole:
        return int(request.status);
    case CanDecideRole:
        return m_session->mayPerform(Action::Approve, request).isOk();
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case Reference:
            return request.reference;
        case Requested:
            return role == Qt::DisplayRole ? TimeFormat::utcShort(request.created) : TimeFormat::utc(request.created);
        case Reason:
            return request.reason;
        case Workload:
            return workloads::displayName(request.workload);
        case Requester:
            // The engineer's alias; the full sign-in name is in the tooltip and the details.
            return role == Qt::DisplayRole ? request.requester.section(QLatin1Char('@'), 0, 0) : request.requester;
        case Duration:
            return TimeFormat::duration(request.durationMinutes);
        case ExpiresIn:
            if (undecided)
                return TimeFormat::remaining(now, request.expires);
            if (Lifecycle::isAccessOpen(request, now))
                return role == Qt::DisplayRole
                    ? tr("access: %1 left").arg(TimeFormat::remaining(now, request.accessUntil))
                    : tr("Access window open until %1").arg(TimeFormat::utc(request.accessUntil));
            return role == Qt::DisplayRole ? QStringLiteral("—") : tr("Not waiting for a decision");
        case Status:
            return statusText(request);
        case Actions:
            return role == Qt::DisplayRole ? QVariant()
                                           : tr("Approve or deny this request. With the keyboard: select the row, then "
                                                "Alt+A or Alt+D.");
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Duration || index.column() == ExpiresIn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant RequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    switch (section) {
    case Reference:
        return tr("Reference");
    case Requested:
        return tr("Requested (UTC)");
    case Reason:
        return tr("Reason");
    case Workload:
        return tr("Workload");
    case Requester:
        return tr("Requester");
    case Duration:
        return tr("Duration");
    case ExpiresIn:
        return tr("Expires in");
    case Status:
        return tr("Status");
    case Actions:
        return tr("Actions");
    }
    return {};
}

RequestQuery::SortKey RequestTableModel::sortKeyFor(int column)
{
    switch (column) {
    case Reference:
        return RequestQuery::SortKey::Reference;
    case Reason:
        return RequestQuery::SortKey::Reason;
    case Workload:
        return RequestQuery::SortKey::Workload;
    case Requester:
        return RequestQuery::SortKey::Requester;
    case Duration:
        return RequestQuery::SortKey::Duration;
    case ExpiresIn:
        return RequestQuery::SortKey::Expires;
    case Status:
        return RequestQuery::SortKey::State;
    default:
        return RequestQuery::SortKey::Created;
    }
}

bool RequestTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_loading && !m_nextCursor.isEmpty();
}

void RequestTableModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        load(false);
}

void RequestTableModel::sort(int column, Qt::SortOrder order)
{
    if (column == Actions)
        return;
    const RequestQuery::SortKey key = sortKeyFor(column);
    if (key == m_query.sortKey && order == m_query.order && !m_rows.isEmpty())
        return;
    m_query.sortKey = key;
    m_query.order = order;
    load(true);
}

void RequestTableModel::setStatuses(const QList<RequestStatus>& statuses)
{
    m_query.statuses = statuses;
    m_query.expiresBefore = {};
    m_query.decidedFrom = {};
    load(true);
}

void RequestTableModel::setQuery(const RequestQuery& query)
{
    m_query = query;
    m_query.limit = pageSize;
    m_query.cursor.clear();
    load(true);
}

void RequestTableModel::setSearch(const QString& text)
{
    if (text.trimmed() == m_query.search)
        return;
    m_query.search = text.trimmed();
    load(true);
}

void RequestTableModel::refresh()
{
    load(true);
}

const AccessRequest* RequestTableModel::requestAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int RequestTableModel::rowOf(const QString& requestId) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == requestId)
            return int(row);
    }
    return -1;
}

void RequestTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void RequestTableModel::load(bool reset)
{
    // Signed out (or left without a role): nothing stays on screen either.
    if (reset || !m_session->isSignedIn()) {
        ++m_generation;
        m_nextCursor.clear();
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    if (!m_session->isSignedIn())
        return;
    RequestQuery page = m_query;
    page.cursor = reset ? QString() : m_nextCursor;
    const quint64 generation = m_generation;
    setLoading(true);
    m_session->store()
        ->listRequests(m_session->actor(), page)
        .then(QCoreApplication::instance(),
              guarded(this, [this, generation](const Result<Page<AccessRequest>>& result) {
                  if (generation != m_generation)
                      return; // a newer query replaced this one
                  setLoading(false);
                  if (!result) {
                      emit loadFailed(result.error());
                      return;
                  }
                  m_nextCursor = result->nextCursor;
                  if (!result->items.isEmpty()) {
                      const int first = int(m_rows.size());
                      beginInsertRows({}, first, first + int(result->items.size()) - 1);
                      m_rows += result->items;
                      endInsertRows();
                  }
                  emit pageLoaded();
              }));
}

void RequestTableModel::updateRequests(const QString& tenantId, const QStringList& ids)
{
    if (tenantId != m_session->actor().tenantId)
        return;
    const quint64 generation = m_generation;
    for (const QString& id : ids) {
        m_session->store()
            ->request(m_session->actor(), id)
            .then(QCoreApplication::instance(),
                  guarded(this, [this, id, generation](const Result<AccessRequest>& result) {
                      // A reload since then brings the request itself, if it belongs to the list.
                      if (!result || generation != m_generation)
                          return;
                      const int row = rowOf(id);
                      if (row >= 0) {
                          m_rows[row] = *result;
                          emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                          return;
                      }
                      // A request this list does not show yet: new ones go on top of a newest-first list.
                      const bool newestFirst
                          = m_query.sortKey == RequestQuery::SortKey::Created && m_query.order == Qt::DescendingOrder;
                      const bool matches = (m_query.statuses.isEmpty() || m_query.statuses.contains(result->status))
                          && m_query.search.isEmpty()
                          && (!m_query.decidedFrom.isValid() || result->decidedAt >= m_query.decidedFrom)
                          && (!m_query.expiresBefore.isValid() || result->expires <= m_query.expiresBefore);
                      if (newestFirst && matches) {
                          beginInsertRows({}, 0, 0);
                          m_rows.prepend(*result);
                          endInsertRows();
                      }
                  }));
    }
}

void RequestTableModel::tick()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ExpiresIn), index(int(m_rows.size()) - 1, Actions), {Qt::DisplayRole, CanDecideRole});
}

} // namespace lockbox
