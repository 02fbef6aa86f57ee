#include "SettingsPage.h"

#include "connect/StepUpPrompt.h"
#include "core/Guarded.h"

#include "common/NotificationBanner.h"
#include "itemmodels/TimeFormat.h"
#include "lifecycle/Lifecycle.h"
#include "session/Session.h"
#include "store/Store.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lockbox {

SettingsPage::SettingsPage(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_banner(new NotificationBanner(this))
    , m_requireApproval(new QCheckBox(tr("Require approval for all data access requests"), this))
    , m_explanation(new QLabel(this))
    , m_approvals(new QSpinBox(this))
    , m_applyApprovals(new QPushButton(tr("Apply"), this))
    , m_backupApprovers(new QLineEdit(this))
    , m_escalationLead(new QSpinBox(this))
    , m_applyEscalation(new QPushButton(tr("Apply"), this))
    , m_lastChanged(new QLabel(this))
    , m_readOnlyReason(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsPage"));
    m_banner->setObjectName(QStringLiteral("settingsBanner"));
    m_requireApproval->setObjectName(QStringLiteral("requireApprovalToggle"));
    m_requireApproval->setAccessibleDescription(
        tr("When on, no engineer gets access to your content without a decision by one of your approvers."));
    m_explanation->setWordWrap(true);
    m_explanation->setText(tr("When this is on, an engineer's request reaches your approvers after the operator's "
                              "manager approved it, and nothing is granted without your decision. When it is off, "
                              "Lockbox approves what the manager approved, and the audit log says so."));
    m_approvals->setObjectName(QStringLiteral("approvalsRequired"));
    m_approvals->setRange(TenantSettings::minApprovals, TenantSettings::maxApprovals);
    m_approvals->setAccessibleName(tr("Approvals required"));
    m_approvals->setAccessibleDescription(
        tr("How many different approvers must approve a request before access is granted."));
    m_applyApprovals->setObjectName(QStringLiteral("applyApprovals"));
    m_applyApprovals->setAccessibleName(tr("Apply approvals required"));
    m_applyApprovals->setAccessibleDescription(tr("Saves the number of approvals required, after asking"));
    m_backupApprovers->setObjectName(QStringLiteral("backupApprovers"));
    m_backupApprovers->setPlaceholderText(tr("e.g. diego@contoso.com, lidia@contoso.com"));
    m_backupApprovers->setAccessibleName(tr("Backup approvers"));
    m_backupApprovers->setAccessibleDescription(
        tr("Sign-in names, separated by commas, of Global administrators or Lockbox access approvers who take over "
           "a request still undecided at the lead time. Empty: no escalation."));
    m_escalationLead->setObjectName(QStringLiteral("escalationLead"));
    m_escalationLead->setRange(TenantSettings::minEscalationLeadMinutes, TenantSettings::maxEscalationLeadMinutes);
    m_escalationLead->setSingleStep(15);
    m_escalationLead->setSuffix(tr(" min before expiry"));
    m_escalationLead->setAccessibleName(tr("Escalation lead time"));
    m_escalationLead->setAccessibleDescription(
        tr("How many minutes before it expires an undecided request goes to the backup approvers."));
    m_applyEscalation->setObjectName(QStringLiteral("applyEscalation"));
    m_applyEscalation->setAccessibleName(tr("Apply escalation"));
    m_applyEscalation->setAccessibleDescription(tr("Saves the backup approvers and the lead time, after asking"));
    m_lastChanged->setObjectName(QStringLiteral("settingLastChanged"));
    m_lastChanged->setAccessibleDescription(tr("Who changed the setting last, and when"));
    m_readOnlyReason->setObjectName(QStringLiteral("settingReadOnlyReason"));
    m_readOnlyReason->setAccessibleDescription(tr("Why you cannot change the setting"));
    m_readOnlyReason->setWordWrap(true);

    auto* title = new QLabel(tr("Security & privacy"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    title->setFont(big);

    auto* group = new QGroupBox(tr("Customer Lockbox"), this);
    auto* groupLayout = new QVBoxLayout(group);
    groupLayout->addWidget(m_requireApproval);
    groupLayout->addWidget(m_explanation);
    auto* approvalsRow = new QHBoxLayout;
    auto* approvalsLabel = new QLabel(tr("&Approvals required (distinct approvers):"), this);
    approvalsLabel->setBuddy(m_approvals);
    approvalsRow->addWidget(approvalsLabel);
    approvalsRow->addWidget(m_approvals);
    approvalsRow->addWidget(m_applyApprovals);
    approvalsRow->addStretch();
    groupLayout->addLayout(approvalsRow);
    auto* escalationForm = new QFormLayout;
    escalationForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* backupLabel = new QLabel(tr("&Backup approvers:"), this);
    backupLabel->setBuddy(m_backupApprovers);
    escalationForm->addRow(backupLabel, m_backupApprovers);
    auto* leadRow = new QHBoxLayout;
    leadRow->addWidget(m_escalationLead);
    leadRow->addWidget(m_applyEscalation);
    leadRow->addStretch();
    auto* leadLabel = new QLabel(tr("&Escalate undecided requests:"), this);
    leadLabel->setBuddy(m_escalationLead);
    escalationForm->addRow(leadLabel, leadRow);
    groupLayout->addLayout(escalationForm);
    groupLayout->addWidget(m_lastChanged);
    groupLayout->addWidget(m_readOnlyReason);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(title);
    layout->addWidget(group);
    layout->addStretch();

    connect(m_requireApproval, &QCheckBox::clicked, this, &SettingsPage::toggled);
    connect(m_applyApprovals, &QPushButton::clicked, this, &SettingsPage::approvalsChosen);
    connect(m_applyEscalation, &QPushButton::clicked, this, &SettingsPage::escalationChosen);
    connect(m_backupApprovers, &QLineEdit::returnPressed, this, &SettingsPage::escalationChosen);
    connect(session, &Session::settingsChanged, this, &SettingsPage::display);
    if (session->isSignedIn())
        display(session->tenantSettings());
}

QMessageBox* SettingsPage::confirmation() const
{
    return m_confirmation;
}

void SettingsPage::display(const TenantSettings& settings)
{
    m_requireApproval->setChecked(settings.requireApproval);
    m_approvals->setValue(settings.approvalsRequired);
    m_backupApprovers->setText(settings.backupApprovers.join(QStringLiteral(", ")));
    m_escalationLead->setValue(settings.escalationLeadMinutes);
    if (!settings.changedAt.isValid())
        m_lastChanged->clear();
    else if (settings.changedBy == Actor::systemPrincipal())
        m_lastChanged->setText(tr("Set when the tenant was created, %1.").arg(TimeFormat::utc(settings.changedAt)));
    else
        m_lastChanged->setText(
            tr("Last changed by %1 at %2.").arg(settings.changedBy, TimeFormat::utc(settings.changedAt)));
    const Status allowed = m_session->mayDo(Action::ChangeSettings);
    m_requireApproval->setEnabled(allowed.isOk());
    m_approvals->setEnabled(allowed.isOk());
    m_applyApprovals->setEnabled(allowed.isOk());
    m_backupApprovers->setReadOnly(!allowed.isOk());
    m_escalationLead->setEnabled(allowed.isOk());
    m_applyEscalation->setEnabled(allowed.isOk());
    m_readOnlyReason->setVisible(!allowed.isOk());
    if (!allowed.isOk())
        m_readOnlyReason->setText(tr("Read only: %1").arg(allowed.error().message()));
}

void SettingsPage::toggled(bool wanted)
{
    // Show the current state until the change is confirmed and saved.
    m_requireApproval->setChecked(!wanted);
    TenantSettings changed = m_session->tenantSettings();
    changed.requireApproval = wanted;
    confirmAndSave(wanted ? tr("Require approval?") : tr("Stop requiring approval?"),
                   wanted ? tr("From now on, no data access request is granted without a decision by one of your "
                               "approvers. Turn it on?")
                          : tr("From now on, Lockbox approves every request that the operator's manager approved, "
                               "without asking your approvers. Requests already waiting still need a decision. Turn "
                               "it off?"),
                   changed);
}

void SettingsPage::approvalsChosen()
{
    TenantSettings changed = m_session->tenantSettings();
    if (changed.approvalsRequired == m_approvals->value())
        return;
    changed.approvalsRequired = m_approvals->value();
    confirmAndSave(tr("Change the approvals required?"),
                   tr("Requests that reach your approvers from now on need %1 different approvers before access is "
                      "granted; one deny still denies. Requests already waiting keep the number they started with. "
                      "Change it?")
                       .arg(changed.approvalsRequired),
                   changed);
}

void SettingsPage::escalationChosen()
{
    TenantSettings changed = m_session->tenantSettings();
    changed.backupApprovers = Lifecycle::normalizedPrincipals(
        m_backupApprovers->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts));
    changed.escalationLeadMinutes = m_escalationLead->value();
    const TenantSettings& current = m_session->tenantSettings();
    if (changed.backupApprovers == Lifecycle::normalizedPrincipals(current.backupApprovers)
        && changed.escalationLeadMinutes == current.escalationLeadMinutes)
        return;
    confirmAndSave(tr("Change the escalation?"),
                   changed.backupApprovers.isEmpty()
                       ? tr("Requests that reach your approvers from now on are not escalated. Change it?")
                       : tr("Requests that reach your approvers from now on go to %1 when still undecided %2 before "
                            "they expire. Requests already waiting keep the escalation they started with. Change it?")
                             .arg(changed.backupApprovers.join(QStringLiteral(", ")),
                                  TimeFormat::duration(changed.escalationLeadMinutes)),
                   changed);
}

void SettingsPage::confirmAndSave(const QString& title, const QString& question, const TenantSettings& wanted)
{
    m_confirmation
        = new QMessageBox(QMessageBox::Question, title, question, QMessageBox::Yes | QMessageBox::Cancel, this);
    m_confirmation->setObjectName(QStringLiteral("confirmSettingDialog"));
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::finished, this, [this, wanted](int result) {
        if (result == QMessageBox::Yes)
            save(wanted);
        else
            display(m_session->tenantSettings());
    });
    m_confirmation->open();
}

void SettingsPage::save(const TenantSettings& wanted)
{
    m_requireApproval->setEnabled(false);
    m_session->store()
        ->updateSettings(m_session->actor(), wanted)
        .then(QCoreApplication::instance(), guarded(this, [this, wanted](const Result<TenantSettings>& result) {
                  if (!result && result.error().code() == Error::Code::StepUpRequired && m_session->isRemote()) {
                      StepUpPrompt::ask(
                          this,
                          m_session,
                          tr("Changing the settings"),
                          [this, wanted] { save(wanted); },
                          [this](const Error& error) {
                              m_banner->showMessage(NotificationBanner::Kind::Error, error.message());
                              display(m_session->tenantSettings());
                          });
                      return;
                  }
                  if (!result) {
                      m_banner->showMessage(NotificationBanner::Kind::Error, result.error().message());
                      display(m_session->tenantSettings());
                      return;
                  }
                  m_banner->showMessage(NotificationBanner::Kind::Success,
                                        tr("Saved. Approval %1; approvals required: %2.")
                                            .arg(result->requireApproval
                                                     ? tr("is required for all data access requests")
                                                     : tr("is not required: Lockbox approves what the "
                                                          "operator's manager approved"))
                                            .arg(result->approvalsRequired));
                  m_session->reloadSettings();
              }));
}

} // namespace lockbox
