#pragma once

#include "domain/TenantSettings.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QSpinBox;

namespace lockbox {

class NotificationBanner;
class Session;

// Settings, Security & privacy: the tenant's "Require approval for all data access requests"
// toggle, the approvals required, and the escalation to backup approvers, each with a
// confirmation, and who changed them last and when. Only a Global administrator may change
// it; everyone else sees it read-only with the reason.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsPage(Session* session, QWidget* parent = nullptr);

    // The confirmation while it is open (for tests and keyboard users alike it is a normal dialog).
    QMessageBox* confirmation() const;

private:
    void display(const TenantSettings& settings);
    void toggled(bool wanted);
    void approvalsChosen();
    void escalationChosen();
    // Asks to confirm a change, then saves it.
    void confirmAndSave(const QString& title, const QString& question, const TenantSettings& wanted);
    void save(const TenantSettings& wanted);

    Session* m_session;
    NotificationBanner* m_banner;
    QCheckBox* m_requireApproval;
    QLabel* m_explanation;
    QSpinBox* m_approvals;
    QPushButton* m_applyApprovals;
    QLineEdit* m_backupApprovers;
    QSpinBox* m_escalationLead;
    QPushButton* m_applyEscalation;
    QLabel* m_lastChanged;
    QLabel* m_readOnlyReason;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace lockbox
