#include "FileRequestDialog.h"

#include "lifecycle/Lifecycle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lockbox {

FileRequestDialog::FileRequestDialog(const QString& tenantId, QWidget* parent)
    : QDialog(parent)
    , m_tenantId(tenantId)
    , m_workload(new QComboBox(this))
    , m_ticket(new QLineEdit(QStringLiteral("SR2611249999"), this))
    , m_reason(new QPlainTextEdit(this))
    , m_scope(new QLineEdit(this))
    , m_duration(new QSpinBox(this))
{
    setObjectName(QStringLiteral("fileRequestDialog"));
    setWindowTitle(tr("File a data access request (as an engineer)"));
    for (Workload workload : workloads::all())
        m_workload->addItem(workloads::displayName(workload), int(workload));
    m_reason->setObjectName(QStringLiteral("fileReason"));
    m_reason->setPlainText(tr("Troubleshoot a mailbox that stopped receiving mail"));
    m_reason->setTabChangesFocus(true);
    m_scope->setObjectName(QStringLiteral("fileScope"));
    m_scope->setText(QStringLiteral("Mailbox of lynne.robbins@contoso.com"));
    m_duration->setObjectName(QStringLiteral("fileDuration"));
    m_duration->setRange(Lifecycle::minDurationMinutes, Lifecycle::maxDurationMinutes);
    m_duration->setValue(60);
    m_duration->setSuffix(tr(" min"));
    m_workload->setObjectName(QStringLiteral("fileWorkload"));
    m_ticket->setObjectName(QStringLiteral("fileTicket"));
    m_workload->setAccessibleDescription(tr("The service whose content the engineer needs"));
    m_ticket->setAccessibleDescription(tr("The support case the access is for"));
    m_reason->setAccessibleDescription(tr("Why the engineer needs the access; the approvers read it"));
    m_scope->setAccessibleDescription(tr("Exactly which content, such as one mailbox"));
    m_duration->setAccessibleDescription(tr("How long the access lasts once approved, in minutes"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Workload:"), m_workload);
    form->addRow(tr("Service &request:"), m_ticket);
    form->addRow(tr("R&eason:"), m_reason);
    form->addRow(tr("S&cope:"), m_scope);
    form->addRow(tr("&Duration:"), m_duration);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(tr("File request"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmFileRequest"));
    m_confirm->setAccessibleDescription(
        tr("Files the request as the engineer; their manager approves it at once, so it reaches you"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Closes the dialog; nothing is filed"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* edit : {m_ticket, m_scope})
        connect(edit, &QLineEdit::textChanged, this, &FileRequestDialog::updateConfirm);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &FileRequestDialog::updateConfirm);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

NewRequest FileRequestDialog::request() const
{
    return NewRequest {m_tenantId,
                       Workload(m_workload->currentData().toInt()),
                       m_ticket->text().trimmed(),
                       m_reason->toPlainText().trimmed(),
                       m_scope->text().trimmed(),
                       m_duration->value()};
}

void FileRequestDialog::updateConfirm()
{
    const Status valid = Lifecycle::validate(request());
    m_confirm->setEnabled(valid.isOk());
    m_confirm->setToolTip(valid ? QString() : valid.error().message());
}

} // namespace lockbox
