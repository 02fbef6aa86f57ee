#include "StepUpDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace lockbox {

StepUpDialog::StepUpDialog(const QString& what, QWidget* parent)
    : QDialog(parent)
    , m_problem(new QLabel(this))
    , m_code(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Confirm with a one-time code"));
    setObjectName(QStringLiteral("stepUpDialog"));
    m_code->setObjectName(QStringLiteral("stepUpCode"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("stepUpConfirm"));
    auto* explanation = new QLabel(tr("<b>%1</b> needs a one-time code from your authenticator app: decisions and "
                                      "changes need one entered within the last 5 minutes.")
                                       .arg(what.toHtmlEscaped()),
                                   this);
    explanation->setWordWrap(true);
    auto* label = new QLabel(tr("&One-time code:"), this);
    label->setBuddy(m_code);
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_code));
    m_code->setPlaceholderText(tr("6 digits"));
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);
    m_code->setAccessibleName(tr("One-time code"));
    m_code->setAccessibleDescription(tr("The code your authenticator app shows now"));
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("stepUpProblem"));
    m_problem->setAccessibleDescription(tr("Why the code was not accepted"));
    m_problem->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Confirm"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleDescription(tr("Sends the code, then does what you asked"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("stepUpCancel"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Closes the dialog; nothing is done"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_code, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.size() >= 6);
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        setEnabled(false);
        emit codeEntered(m_code->text());
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_problem);
    layout->addWidget(label);
    layout->addWidget(m_code);
    layout->addWidget(m_buttons);
    m_code->setFocus();
}

QString StepUpDialog::code() const
{
    return m_code->text();
}

void StepUpDialog::showProblem(const QString& text)
{
    setEnabled(true);
    m_problem->setText(QStringLiteral("⚠ ") + text);
    m_problem->show();
    m_code->clear();
    m_code->setFocus();
}

} // namespace lockbox
