#pragma once

#include "domain/AccessRequest.h"
#include "lifecycle/Action.h"

#include <QDateTime>
#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace lockbox {

// Asks an approver to confirm a decision, stating plainly what it grants or takes away: who, which
// workload and scope, for how long and until when. A comment is optional on approve and revoke; a
// reason is required to deny.
class DecisionDialog : public QDialog
{
    Q_OBJECT

public:
    DecisionDialog(Action action, const AccessRequest& request, const QDateTime& now, QWidget* parent = nullptr);

    Action action() const { return m_action; }
    QString requestId() const { return m_request.id; }
    QString comment() const;
    // Something changed while the dialog was open (another admin decided): say so before confirming.
    void warn(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateConfirm();

    Action m_action;
    AccessRequest m_request;
    QLabel* m_summary;
    QLabel* m_warning;
    QPlainTextEdit* m_comment;
    QPushButton* m_confirm;
};

} // namespace lockbox
