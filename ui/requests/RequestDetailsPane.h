#pragma once

#include "domain/AccessRequest.h"
#include "lifecycle/Action.h"
#include "signing/RegisteredKey.h"

#include <QTimer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace lockbox {

class Session;

// Everything about one request: every field, time left before it expires, the access window, the
// decisions and whether their approvers' signatures verify, the questions to the engineer and
// their answers, the escalation, and the request's own history from the audit log, with Approve, Deny, Revoke and Ask
// when the signed-in person may take them now.
class RequestDetailsPane : public QWidget
{
    Q_OBJECT

public:
    explicit RequestDetailsPane(Session* session, QWidget* parent = nullptr);

    // Loads the request (with decisions) and its history; an empty id clears the pane.
    void showRequest(const QString& requestId);
    QString requestId() const { return m_request.id; }
    const AccessRequest& request() const { return m_request; }

signals:
    void decisionRequested(lockbox::Action action, const lockbox::AccessRequest& request);
    // A request's details are on screen (loaded or reloaded).
    void requestShown(const lockbox::AccessRequest& request);

private:
    void display();
    void displaySignatures();
    void loadKeys();
    void updateTimes();
    void loadHistory();
    QLabel* addField(const QString& label, const QString& objectName);

    Session* m_session;
    AccessRequest m_request;
    QList<RegisteredKey> m_keys; // the tenant's, to check the decisions' signatures with
    bool m_keysLoaded = false; // for the request shown
    quint64 m_generation = 0;
    QLabel* m_heading;
    QLabel* m_placeholder;
    QWidget* m_body;
    QFormLayout* m_form;
    QLabel* m_status;
    QLabel* m_ticket;
    QLabel* m_workload;
    QLabel* m_requester;
    QLabel* m_reason;
    QLabel* m_scope;
    QLabel* m_duration;
    QLabel* m_created;
    QLabel* m_expires;
    QLabel* m_approvals;
    QLabel* m_manager;
    QLabel* m_decision;
    QLabel* m_signatures;
    QLabel* m_window;
    QLabel* m_escalation;
    QLabel* m_thread;
    QPushButton* m_approve;
    QPushButton* m_deny;
    QPushButton* m_revoke;
    QPushButton* m_ask;
    QLabel* m_actionHint;
    QTextBrowser* m_history;
    QTimer m_tick;
};

} // namespace lockbox
