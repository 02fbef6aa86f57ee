#pragma once

#include "domain/AccessRequest.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace lockbox {

// The training demo's engineer form: what a support engineer fills in to ask for access.
class FileRequestDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FileRequestDialog(const QString& tenantId, QWidget* parent = nullptr);

    NewRequest request() const;

private:
    void updateConfirm();

    QString m_tenantId;
    QComboBox* m_workload;
    QLineEdit* m_ticket;
    QPlainTextEdit* m_reason;
    QLineEdit* m_scope;
    QSpinBox* m_duration;
    QPushButton* m_confirm;
};

} // namespace lockbox
