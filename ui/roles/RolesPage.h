#pragma once

#include "domain/RoleAssignment.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace lockbox {

class NotificationBanner;
class RoleTableModel;
class Session;

// Who holds which role in the tenant. A Global administrator adds and removes Lockbox access
// approvers, readers and other Global administrators; everyone else sees the list read-only.
class RolesPage : public QWidget
{
    Q_OBJECT

public:
    explicit RolesPage(Session* session, QWidget* parent = nullptr);

private:
    void updatePermissions();
    void addRole();
    void removeSelected();
    void remove(const RoleAssignment& removal);
    // Writes the assignment (Role::None removes it), asking for a one-time code when the service
    // wants a fresh one, and says `doneMessage` when it is done.
    void apply(const RoleAssignment& assignment, const QString& doneMessage);

    Session* m_session;
    RoleTableModel* m_model;
    NotificationBanner* m_banner;
    QTableView* m_table;
    QLineEdit* m_principal;
    QLineEdit* m_name;
    QComboBox* m_role;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_readOnlyReason;
};

} // namespace lockbox
