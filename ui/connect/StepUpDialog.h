#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace lockbox {

// The small prompt for a one-time code when the service asks for a fresh one (step-up) before a
// decision or a change: not a new sign-in, just the six digits from the authenticator app.
class StepUpDialog : public QDialog
{
    Q_OBJECT

public:
    // `what`: the action waiting for the code, in words ("Approve EXSR100042").
    explicit StepUpDialog(const QString& what, QWidget* parent = nullptr);

    QString code() const;
    // After a wrong code: says so and asks again.
    void showProblem(const QString& text);

signals:
    // Confirm was pressed: the dialog waits (disabled) until it is closed or asked again.
    void codeEntered(const QString& code);

private:
    QLabel* m_problem;
    QLineEdit* m_code;
    QDialogButtonBox* m_buttons;
};

} // namespace lockbox
