#include "RoleTableModel.h"
#include "core/Guarded.h"

#include "TimeFormat.h"
#include "session/Session.h"
#include "store/Store.h"

namespace lockbox {

RoleTableModel::RoleTableModel(Session* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    connect(session->store(), &Store::rolesChanged, this, [this](const QString& tenantId) {
        if (tenantId == m_session->actor().tenantId)
            refresh();
    });
}

int RoleTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RoleTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoleTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoleAssignment& assignment = m_rows.at(index.row());
    if (role == PrincipalRole)
        return assignment.principal;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Name:
        return assignment.displayName;
    case Principal:
        return assignment.principal;
    case Role:
        return roles::displayName(assignment.role);
    case AssignedBy:
        return assignment.assignedBy;
    case AssignedAt:
        return TimeFormat::utc(assignment.assignedAt);
    }
    return {};
}

QVariant RoleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Principal:
        return tr("Sign-in name");
    case Role:
        return tr("Role");
    case AssignedBy:
        return tr("Assigned by");
    case AssignedAt:
        return tr("Assigned (UTC)");
    }
    return {};
}

void RoleTableModel::refresh()
{
    m_session->store()
        ->roleAssignments(m_session->actor())
        .then(QCoreApplication::instance(), guarded(this, [this](const Result<QList<RoleAssignment>>& result) {
                  if (!result) {
                      emit loadFailed(result.error());
                      return;
                  }
                  beginResetModel();
                  m_rows = *result;
                  endResetModel();
                  emit loaded();
              }));
}

const RoleAssignment* RoleTableModel::assignmentAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

} // namespace lockbox
