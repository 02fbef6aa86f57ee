#include "DecisionDialog.h"

#include "common/FocusRing.h"
#include "itemmodels/TimeFormat.h"
#include "lifecycle/Lifecycle.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace lockbox {

DecisionDialog::DecisionDialog(Action action, const AccessRequest& request, const QDateTime& now, QWidget* parent)
    : QDialog(parent)
    , m_action(action)
    , m_request(request)
    , m_summary(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_comment(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("decisionDialog"));
    m_summary->setObjectName(QStringLiteral("decisionSummary"));
    m_comment->setObjectName(QStringLiteral("decisionComment"));
    m_warning->setObjectName(QStringLiteral("decisionWarning"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setFocusPolicy(Qt::StrongFocus);
    FocusRing::add(m_summary);
    m_warning->setWordWrap(true);
    m_warning->hide();

    const QString workload = workloads::displayName(request.workload);
    const QString duration = TimeFormat::duration(request.durationMinutes);
    QString title;
    QString summary;
    QString commentLabel;
    QString confirm;
    switch (action) {
    case Action::Deny:
        title = tr("Deny request %1").arg(request.reference);
        summary = tr("%1 will not get access to %2 content (%3). The request is closed and the engineer sees your "
                     "reason.")
                      .arg(request.requester, workload, request.scope);
        commentLabel = tr("&Reason (required):");
        confirm = tr("Deny");
        break;
    case Action::Ask:
        title = tr("Ask about request %1").arg(request.reference);
        summary = tr("Your question goes to %1, who filed the request. It shows as \"Information requested\" until "
                     "they answer; it still expires at %2 if nobody decides.")
                      .arg(request.requester, TimeFormat::utc(request.expires));
        commentLabel = tr("&Question (required):");
        confirm = tr("Send question");
        break;
    case Action::Revoke:
        title = tr("Revoke access for %1").arg(request.reference);
        summary = tr("%1's access to %2 content (%3) ends now. It would have lasted until %4.")
                      .arg(request.requester, workload, request.scope, TimeFormat::utc(request.accessUntil));
        commentLabel = tr("&Comment (optional):");
        confirm = tr("Revoke access");
        break;
    default: {
        title = tr("Approve request %1").arg(request.reference);
        const int approval = request.approvalsCount + 1;
        const bool completes = approval >= request.approvalsRequired;
        summary = tr("%1 will get access to %2 content (%3) for %4: from when you approve until about %5.")
                      .arg(request.requester,
                           workload,
                           request.scope,
                           duration,
                           TimeFormat::utc(now.addSecs(qint64(request.durationMinutes) * 60)));
        if (request.approvalsRequired > 1)
            summary += QLatin1Char(' ')
                + (completes ? tr("Yours is approval %1 of %2: it completes the request and access starts.")
                                   .arg(approval)
                                   .arg(request.approvalsRequired)
                             : tr("Yours is approval %1 of %2: access starts only when all %2 have approved.")
                                   .arg(approval)
                                   .arg(request.approvalsRequired));
        summary += QLatin1Char('\n') + tr("Reason given: %1").arg(request.reason);
        commentLabel = tr("&Comment (optional):");
        confirm = tr("Approve");
        break;
    }
    }
    setWindowTitle(title);
    m_summary->setText(summary);
    // A screen reader reads the summary itself; the description says what it is.
    m_summary->setAccessibleDescription(tr("What this decision does"));
    m_warning->setAccessibleDescription(tr("The request changed while this dialog was open"));

    auto* label = new QLabel(commentLabel, this);
    label->setBuddy(m_comment);
    m_comment->setAccessibleName(action == Action::Deny      ? tr("Reason")
                                     : action == Action::Ask ? tr("Question")
                                                             : tr("Comment"));
    m_comment->setAccessibleDescription(
        Lifecycle::reasonRequired(action)
            ? tr("Required. The engineer sees it; it is kept in the audit log. Ctrl+Enter confirms.")
            : tr("Optional. Kept with your decision in the audit log. Ctrl+Enter confirms."));
    m_comment->setTabChangesFocus(true);
    m_comment->setMinimumHeight(m_comment->fontMetrics().lineSpacing() * 4);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(confirm, QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmDecision"));
    m_confirm->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelDecision"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Closes the dialog without deciding"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &DecisionDialog::updateConfirm);
    // Enter starts a new line in the comment; Ctrl+Enter confirms from anywhere in the dialog.
    for (const QKeySequence& keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, m_confirm, &QPushButton::click);
    }
    m_confirm->setToolTip(tr("Confirm (Ctrl+Enter)"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_warning);
    layout->addWidget(label);
    layout->addWidget(m_comment);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    updateConfirm();
}

void DecisionDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    // Keyboard users land in the comment box, ready to type and confirm with Ctrl+Enter.
    activateWindow();
    m_comment->setFocus(Qt::OtherFocusReason);
}

QString DecisionDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

void DecisionDialog::warn(const QString& text)
{
    m_warning->setText(text);
    m_warning->show();
}

void DecisionDialog::updateConfirm()
{
    m_confirm->setEnabled(!Lifecycle::reasonRequired(m_action) || !comment().isEmpty());
}

} // namespace lockbox
