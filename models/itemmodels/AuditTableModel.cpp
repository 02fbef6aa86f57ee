#include "AuditTableModel.h"
#include "core/Guarded.h"

#include "TimeFormat.h"
#include "session/Session.h"
#include "store/Store.h"

#include <QJsonDocument>

namespace lockbox {

namespace {
constexpr int pageSize = 200;
}

AuditTableModel::AuditTableModel(Session* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    connect(session->store(), &Store::auditAppended, this, [this](const QString& tenantId) {
        // Show new records when the newest page is what is on screen; someone reading further
        // back keeps their place.
        if (tenantId == m_session->actor().tenantId && !m_loading && m_rows.size() <= pageSize)
            refresh();
    });
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditTableModel::describe(const AuditRecord& record)
{
    QStringList parts;
    for (auto it = record.details.constBegin(); it != record.details.constEnd(); ++it) {
        if (it.key() == QLatin1String("reference"))
            continue;
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isBool())
            text = value.toBool() ? tr("on") : tr("off");
        else if (value.isDouble())
            text = QString::number(value.toInteger());
        else
            text = QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
        if (!text.isEmpty())
            parts << QStringLiteral("%1: %2").arg(it.key(), text);
    }
    return parts.join(QStringLiteral("; "));
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRecord& record = m_rows.at(index.row());
    if (role == RecordSeqRole)
        return record.seq;
    if (role == RequestIdRole)
        return record.requestId;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Seq:
        return record.seq;
    case Time:
        return TimeFormat::utc(record.at);
    case Actor:
        return record.actor;
    case ActorRole:
        return roles::displayName(record.actorRole);
    case Operation:
        return record.operation;
    case Request:
        return record.details.value(QStringLiteral("reference")).toString();
    case Details:
        return describe(record);
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Seq:
        return tr("#");
    case Time:
        return tr("Time (UTC)");
    case Actor:
        return tr("Actor");
    case ActorRole:
        return tr("Role");
    case Operation:
        return tr("Operation");
    case Request:
        return tr("Request");
    case Details:
        return tr("Details");
    }
    return {};
}

bool AuditTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_loading && !m_nextCursor.isEmpty();
}

void AuditTableModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        load(false);
}

void AuditTableModel::setFilter(const AuditQuery& filter)
{
    m_filter = filter;
    load(true);
}

void AuditTableModel::refresh()
{
    load(true);
}

const AuditRecord* AuditTableModel::recordAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void AuditTableModel::load(bool reset)
{
    if (!m_session->isSignedIn())
        return;
    if (reset) {
        ++m_generation;
        m_nextCursor.clear();
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    AuditQuery page = m_filter;
    page.newestFirst = true;
    page.limit = pageSize;
    page.cursorSeq = reset ? 0 : m_nextCursor.toLongLong();
    const quint64 generation = m_generation;
    m_loading = true;
    m_session->store()
        ->auditRecords(m_session->actor(), page)
        .then(QCoreApplication::instance(), guarded(this, [this, generation](const Result<Page<AuditRecord>>& result) {
                  if (generation != m_generation)
                      return;
                  m_loading = false;
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

} // namespace lockbox
