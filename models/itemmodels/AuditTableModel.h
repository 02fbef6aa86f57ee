#pragma once

#include "audit/AuditRecord.h"
#include "core/Error.h"
#include "store/AuditQuery.h"

#include <QAbstractTableModel>

namespace lockbox {

class Session;

// The audit log as table rows, newest first, paged lazily from the store with the filters of an
// AuditQuery. Follows the store's auditAppended notifications by reloading the first page.
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Seq, Time, Actor, ActorRole, Operation, Request, Details, ColumnCount };
    enum DataRole { RecordSeqRole = Qt::UserRole + 1, RequestIdRole };

    explicit AuditTableModel(Session* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Filters (time range, operation, actor, request); cursor and order are the model's own.
    void setFilter(const AuditQuery& filter);
    const AuditQuery& filter() const { return m_filter; }
    void refresh();
    const AuditRecord* recordAt(int row) const;
    bool isLoading() const { return m_loading; }

    // One line that says what a record's details hold, for people.
    static QString describe(const AuditRecord& record);

signals:
    void loadFailed(const lockbox::Error& error);
    void pageLoaded();

private:
    void load(bool reset);

    Session* m_session;
    AuditQuery m_filter;
    QList<AuditRecord> m_rows;
    QString m_nextCursor;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace lockbox
