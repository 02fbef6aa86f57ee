#pragma once

#include "core/Error.h"
#include "domain/AccessRequest.h"
#include "store/RequestQuery.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace lockbox {

class Session;

// The request list as table rows, paged lazily from the store: the first page on setQuery(), the
// next when the view scrolls near the end (canFetchMore/fetchMore). Sorting and filtering are the
// store's indexed queries; a 1,000,000-request store costs one page. Rows follow the store's
// change notifications one by one, and the "expires in" column counts down on the session clock.
class RequestTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Reference,
        Requested,
        Reason,
        Workload,
        Requester,
        Duration,
        ExpiresIn,
        Status,
        Actions,
        ColumnCount
    };
    enum DataRole {
        RequestIdRole = Qt::UserRole + 1,
        StatusRole, // RequestStatus as int
        CanDecideRole, // bool: the signed-in actor may approve or deny this row now
    };

    explicit RequestTableModel(Session* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Replaces the status filter (keeps the sort, drops any time filter) and loads the first page.
    void setStatuses(const QList<RequestStatus>& statuses);
    // Replaces filters and sort at once (a ready-made view), and loads the first page.
    void setQuery(const RequestQuery& query);
    void setSearch(const QString& text);
    const RequestQuery& query() const { return m_query; }
    void refresh();

    const AccessRequest* requestAt(int row) const;
    int rowOf(const QString& requestId) const;
    bool isLoading() const { return m_loading; }
    static RequestQuery::SortKey sortKeyFor(int column);

signals:
    void loadingChanged(bool loading);
    void loadFailed(const lockbox::Error& error);
    // A page arrived (the first one after a refresh included).
    void pageLoaded();

private:
    void load(bool reset);
    void updateRequests(const QString& tenantId, const QStringList& ids);
    void setLoading(bool loading);
    void tick();
    QString statusText(const AccessRequest& request) const;

    Session* m_session;
    RequestQuery m_query;
    QList<AccessRequest> m_rows;
    QString m_nextCursor;
    bool m_loading = false;
    quint64 m_generation = 0; // drops pages of a query that was replaced meanwhile
    QTimer m_countdown;
};

} // namespace lockbox
