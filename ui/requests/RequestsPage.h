#pragma once

#include "RequestListPreset.h"
#include "domain/AccessRequest.h"
#include "lifecycle/Action.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;

namespace lockbox {

class DecisionDialog;
class NotificationBanner;
class RequestDetailsPane;
class RequestTableModel;
class Session;

// "Customer Lockbox requests": the request table with status filter, search and refresh, Approve
// and Deny on each pending row, and the details pane of the selected request. Decisions go
// through the store; its answer, good or a refusal, is shown in plain words.
class RequestsPage : public QWidget
{
    Q_OBJECT

public:
    explicit RequestsPage(Session* session, QWidget* parent = nullptr);

    void applyPreset(RequestListPreset preset);
    void selectRequest(const QString& requestId);
    RequestTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QSplitter* splitter() const { return m_splitter; }
    // The decision dialog while one is open (for tests and for live updates).
    DecisionDialog* openDecisionDialog() const;
    // Starts the decision flow for a request, as the row buttons and the details pane do.
    void decide(Action action, const AccessRequest& request);

signals:
    // A decision was taken here (approved, denied or revoked), after the store accepted it.
    void decided(lockbox::Action action, const lockbox::AccessRequest& request);
    // The person is looking at this request's details.
    void requestShown(const lockbox::AccessRequest& request);

private:
    void statusFilterChanged();
    void currentRowChanged();
    // What may be done with the current row, at `position` in the table's viewport.
    void showRowMenu(const QPoint& position);
    void submit(Action action, const QString& requestId, const QString& comment);
    void selectRowOf(const QString& requestId);

    Session* m_session;
    RequestTableModel* m_model;
    NotificationBanner* m_banner;
    QComboBox* m_statusFilter;
    QLineEdit* m_search;
    QPushButton* m_refresh;
    QLabel* m_busy;
    QLabel* m_presetNote;
    QTableView* m_table;
    RequestDetailsPane* m_details;
    QSplitter* m_splitter;
    QTimer m_searchDelay;
    QPointer<DecisionDialog> m_dialog;
    QString m_wantedSelection;
    bool m_columnsSized = false;
};

} // namespace lockbox
