#pragma once

#include "core/Error.h"
#include "domain/RoleAssignment.h"

#include <QAbstractTableModel>

namespace lockbox {

class Session;

// Who holds which role in the signed-in tenant. Small, so it loads whole, and again when the
// store says roles changed.
class RoleTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Principal, Role, AssignedBy, AssignedAt, ColumnCount };
    enum DataRole { PrincipalRole = Qt::UserRole + 1 };

    explicit RoleTableModel(Session* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void refresh();
    const RoleAssignment* assignmentAt(int row) const;

signals:
    void loadFailed(const lockbox::Error& error);
    void loaded();

private:
    Session* m_session;
    QList<RoleAssignment> m_rows;
};

} // namespace lockbox
