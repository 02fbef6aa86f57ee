#include "RolesPage.h"

#include "connect/StepUpPrompt.h"
#include "core/Guarded.h"

#include "common/NotificationBanner.h"
#include "itemmodels/RoleTableModel.h"
#include "session/Session.h"
#include "store/Store.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lockbox {

RolesPage::RolesPage(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new RoleTableModel(session, this))
    , m_banner(new NotificationBanner(this))
    , m_table(new QTableView(this))
    , m_principal(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_add(new QPushButton(tr("&Add role"), this))
    , m_remove(new QPushButton(tr("&Remove selected role"), this))
    , m_readOnlyReason(new QLabel(this))
{
    setObjectName(QStringLiteral("rolesPage"));
    m_banner->setObjectName(QStringLiteral("rolesBanner"));
    m_table->setObjectName(QStringLiteral("rolesTable"));
    m_table->setAccessibleName(tr("Role assignments"));
    m_table->setAccessibleDescription(tr("Who holds which Lockbox role in your organisation, one person a row"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setTabKeyNavigation(false);

    m_principal->setObjectName(QStringLiteral("rolePrincipal"));
    m_principal->setPlaceholderText(tr("pradeep.gupta@contoso.com"));
    m_principal->setAccessibleName(tr("Sign-in name"));
    m_principal->setAccessibleDescription(tr("The sign-in name of the person to give a role; Enter adds it"));
    m_name->setObjectName(QStringLiteral("roleDisplayName"));
    m_name->setAccessibleName(tr("Display name"));
    m_name->setAccessibleDescription(tr("How the person's name is shown; optional"));
    m_role->setObjectName(QStringLiteral("roleChoice"));
    m_role->setAccessibleName(tr("Role"));
    m_role->setAccessibleDescription(tr("The role to give: what the person may see and decide"));
    for (Role role : {Role::LockboxApprover, Role::Reader, Role::GlobalAdministrator})
        m_role->addItem(roles::displayName(role), int(role));
    m_add->setObjectName(QStringLiteral("addRoleButton"));
    m_remove->setObjectName(QStringLiteral("removeRoleButton"));
    m_add->setAccessibleDescription(tr("Gives the person the chosen role"));
    m_remove->setAccessibleDescription(tr("Takes the role of the person selected in the table away, after asking"));
    m_readOnlyReason->setObjectName(QStringLiteral("rolesReadOnlyReason"));
    m_readOnlyReason->setWordWrap(true);
    m_readOnlyReason->setAccessibleDescription(tr("Why you cannot change roles"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Sign-in name:"), m_principal);
    form->addRow(tr("Display &name:"), m_name);
    form->addRow(tr("R&ole:"), m_role);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();

    auto* title = new QLabel(tr("Roles"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    title->setFont(big);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(title);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_readOnlyReason);
    layout->addLayout(form);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &RolesPage::addRole);
    connect(m_principal, &QLineEdit::returnPressed, this, &RolesPage::addRole);
    connect(m_remove, &QPushButton::clicked, this, &RolesPage::removeSelected);
    connect(m_model, &RoleTableModel::loadFailed, this, [this](const Error& error) {
        m_banner->showMessage(NotificationBanner::Kind::Error, error.message());
    });
    connect(m_model, &RoleTableModel::loaded, this, [this] { m_table->resizeColumnsToContents(); });
    connect(session, &Session::signedIn, this, [this] {
        m_model->refresh();
        updatePermissions();
    });
    if (session->isSignedIn()) {
        m_model->refresh();
        updatePermissions();
    }
}

void RolesPage::updatePermissions()
{
    const Status allowed = m_session->mayDo(Action::ManageRoles);
    for (QWidget* widget : {static_cast<QWidget*>(m_principal),
                            static_cast<QWidget*>(m_name),
                            static_cast<QWidget*>(m_role),
                            static_cast<QWidget*>(m_add),
                            static_cast<QWidget*>(m_remove)})
        widget->setEnabled(allowed.isOk());
    m_readOnlyReason->setVisible(!allowed.isOk());
    if (!allowed.isOk())
        m_readOnlyReason->setText(tr("Read only: %1").arg(allowed.error().message()));
}

void RolesPage::addRole()
{
    RoleAssignment assignment;
    assignment.tenantId = m_session->actor().tenantId;
    assignment.principal = m_principal->text().trimmed();
    assignment.displayName = m_name->text().trimmed();
    assignment.role = Role(m_role->currentData().toInt());
    apply(assignment, tr("%1 is now a %2.").arg(assignment.principal.toLower(), roles::displayName(assignment.role)));
}

void RolesPage::apply(const RoleAssignment& assignment, const QString& doneMessage)
{
    m_session->store()
        ->setRole(m_session->actor(), assignment)
        .then(QCoreApplication::instance(),
              guarded(this, [this, assignment, doneMessage](const Result<QList<RoleAssignment>>& result) {
                  if (!result && result.error().code() == Error::Code::StepUpRequired && m_session->isRemote()) {
                      StepUpPrompt::ask(
                          this,
                          m_session,
                          tr("Changing roles"),
                          [this, assignment, doneMessage] { apply(assignment, doneMessage); },
                          [this](const Error& error) {
                              m_banner->showMessage(NotificationBanner::Kind::Error, error.message());
                          });
                      return;
                  }
                  if (!result) {
                      m_banner->showMessage(NotificationBanner::Kind::Error, result.error().message());
                      return;
                  }
                  m_banner->showMessage(NotificationBanner::Kind::Success, doneMessage);
                  if (assignment.role != Role::None) {
                      m_principal->clear();
                      m_name->clear();
                  }
              }));
}

void RolesPage::removeSelected()
{
    const RoleAssignment* selected = m_model->assignmentAt(m_table->currentIndex().row());
    if (!selected) {
        m_banner->showMessage(NotificationBanner::Kind::Warning, tr("Select the person whose role to remove."));
        return;
    }
    RoleAssignment removal = *selected;
    removal.role = Role::None;
    auto* confirm = new QMessageBox(QMessageBox::Question,
                                    tr("Remove role?"),
                                    tr("%1 will no longer be a %2 and loses what the role allows. Remove it?")
                                        .arg(removal.principal, roles::displayName(selected->role)),
                                    QMessageBox::Yes | QMessageBox::Cancel,
                                    this);
    confirm->setObjectName(QStringLiteral("confirmRemoveRole"));
    confirm->setDefaultButton(QMessageBox::Cancel);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QMessageBox::finished, this, [this, removal](int result) {
        if (result == QMessageBox::Yes)
            remove(removal);
    });
    confirm->open();
}

void RolesPage::remove(const RoleAssignment& removal)
{
    apply(removal, tr("%1 no longer holds a Lockbox role.").arg(removal.principal));
}

} // namespace lockbox
