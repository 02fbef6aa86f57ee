#pragma once

#include <QPointer>
#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;
class QTableView;

namespace lockbox {

class AuditTableModel;
class NotificationBanner;
class Session;

// The audit log: a lazily paged table, newest first, filtered by time range, operation, actor and
// request; export to JSON lines or CSV with progress; and Verify integrity, which names the first
// broken record or says the log is intact.
class AuditPage : public QWidget
{
    Q_OBJECT

public:
    explicit AuditPage(Session* session, QWidget* parent = nullptr);

    // Asks where to save an export; returns the path (".jsonl" or ".csv") or empty to cancel.
    // Replaceable so that tests can answer it.
    using SaveFileChooser = std::function<QString(QWidget* parent)>;
    void setSaveFileChooser(SaveFileChooser chooser) { m_chooseFile = std::move(chooser); }
    AuditTableModel* model() const { return m_model; }

signals:
    // The person narrowed the log down (a filter was applied).
    void filterApplied();
    // Verify integrity finished.
    void verified(bool intact);

private:
    void applyFilter();
    void exportLog();
    void verify();

    Session* m_session;
    AuditTableModel* m_model;
    NotificationBanner* m_banner;
    QCheckBox* m_useFrom;
    QDateTimeEdit* m_from;
    QCheckBox* m_useTo;
    QDateTimeEdit* m_to;
    QComboBox* m_operation;
    QLineEdit* m_actor;
    QLineEdit* m_request;
    QPushButton* m_apply;
    QTableView* m_table;
    QPushButton* m_export;
    QPushButton* m_verify;
    QLabel* m_verifyResult;
    QPointer<QProgressDialog> m_progress;
    SaveFileChooser m_chooseFile;
};

} // namespace lockbox
