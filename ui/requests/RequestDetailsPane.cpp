#include "RequestDetailsPane.h"
#include "core/Guarded.h"

#include "audit/AuditOperation.h"
#include "common/FocusRing.h"
#include "itemmodels/AuditTableModel.h"
#include "itemmodels/TimeFormat.h"
#include "lifecycle/Lifecycle.h"
#include "session/Session.h"
#include "store/Store.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace lockbox {

RequestDetailsPane::RequestDetailsPane(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_heading(new QLabel(this))
    , m_placeholder(new QLabel(tr("Select a request to see its details."), this))
    , m_body(new QWidget(this))
    , m_form(new QFormLayout)
    , m_approve(new QPushButton(tr("&Approve…"), this))
    , m_deny(new QPushButton(tr("&Deny…"), this))
    , m_revoke(new QPushButton(tr("Re&voke access…"), this))
    , m_ask(new QPushButton(tr("Ask the &engineer…"), this))
    , m_actionHint(new QLabel(this))
    , m_history(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("requestDetails"));
    setAccessibleName(tr("Request details"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setObjectName(QStringLiteral("detailsHeading"));
    m_heading->setAccessibleDescription(tr("The request whose details follow"));
    m_placeholder->setWordWrap(true);

    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_status = addField(tr("Status"), QStringLiteral("detailStatus"));
    m_ticket = addField(tr("Service request"), QStringLiteral("detailTicket"));
    m_workload = addField(tr("Workload"), QStringLiteral("detailWorkload"));
    m_requester = addField(tr("Requester"), QStringLiteral("detailRequester"));
    m_reason = addField(tr("Reason"), QStringLiteral("detailReason"));
    m_scope = addField(tr("Scope"), QStringLiteral("detailScope"));
    m_duration = addField(tr("Requested duration"), QStringLiteral("detailDuration"));
    m_created = addField(tr("Requested"), QStringLiteral("detailCreated"));
    m_expires = addField(tr("Expires"), QStringLiteral("detailExpires"));
    m_approvals = addField(tr("Approvals"), QStringLiteral("detailApprovals"));
    m_manager = addField(tr("Manager approval"), QStringLiteral("detailManager"));
    m_decision = addField(tr("Decision"), QStringLiteral("detailDecision"));
    m_signatures = addField(tr("Signatures"), QStringLiteral("detailSignatures"));
    m_window = addField(tr("Access window"), QStringLiteral("detailWindow"));
    m_escalation = addField(tr("Escalation"), QStringLiteral("detailEscalation"));
    m_thread = addField(tr("Questions"), QStringLiteral("detailThread"));

    m_approve->setObjectName(QStringLiteral("detailsApprove"));
    m_deny->setObjectName(QStringLiteral("detailsDeny"));
    m_revoke->setObjectName(QStringLiteral("detailsRevoke"));
    m_approve->setToolTip(tr("Approve this request (Alt+A)"));
    m_deny->setToolTip(tr("Deny this request (Alt+D)"));
    m_revoke->setToolTip(tr("End the open access window now (Alt+V)"));
    m_ask->setObjectName(QStringLiteral("detailsAsk"));
    m_ask->setToolTip(tr("Ask the engineer a question before deciding (Alt+E)"));
    m_ask->setAccessibleDescription(
        tr("Sends a question to the engineer who filed the request; the expiry does not move"));
    m_actionHint->setObjectName(QStringLiteral("detailsActionHint"));
    m_actionHint->setWordWrap(true);
    m_actionHint->setAccessibleDescription(tr("Why you cannot decide on this request"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_deny);
    buttons->addWidget(m_revoke);
    buttons->addWidget(m_ask);
    buttons->addStretch();

    m_history->setObjectName(QStringLiteral("historyList"));
    m_history->setAccessibleName(tr("Request history"));
    m_history->setAccessibleDescription(tr("Every event of this request in the audit log, oldest first"));
    FocusRing::add(m_history);
    m_history->setOpenLinks(false);
    m_history->setMinimumHeight(140);
    auto* historyLabel = new QLabel(tr("History"), this);
    QFont bold = historyLabel->font();
    bold.setBold(true);
    historyLabel->setFont(bold);
    historyLabel->setBuddy(m_history);

    // Fields on the left, the request's history on the right.
    auto* fields = new QVBoxLayout;
    fields->addLayout(buttons);
    fields->addWidget(m_actionHint);
    fields->addLayout(m_form);
    fields->addStretch();
    auto* history = new QVBoxLayout;
    history->addWidget(historyLabel);
    history->addWidget(m_history, 1);
    auto* bodyLayout = new QHBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(fields, 1);
    bodyLayout->addLayout(history, 1);

    // The fields scroll when the pane is short; nothing is cut off.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setObjectName(QStringLiteral("detailsScroll"));
    scroll->setAccessibleName(tr("Request details"));
    scroll->setAccessibleDescription(tr("Every field of the request; the arrow keys scroll it"));
    FocusRing::add(scroll);
    scroll->setWidget(m_body);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_placeholder);
    layout->addWidget(scroll, 1);
    m_body->hide();
    // Reading order: the details as a whole (to scroll them), their actions, then the history.
    setTabOrder(scroll, m_approve);
    setTabOrder(m_approve, m_deny);
    setTabOrder(m_deny, m_revoke);
    setTabOrder(m_revoke, m_ask);
    setTabOrder(m_ask, m_history);

    connect(m_approve, &QPushButton::clicked, this, [this] { emit decisionRequested(Action::Approve, m_request); });
    connect(m_deny, &QPushButton::clicked, this, [this] { emit decisionRequested(Action::Deny, m_request); });
    connect(m_revoke, &QPushButton::clicked, this, [this] { emit decisionRequested(Action::Revoke, m_request); });
    connect(m_ask, &QPushButton::clicked, this, [this] { emit decisionRequested(Action::Ask, m_request); });
    connect(m_session->store(), &Store::requestsChanged, this, [this](const QString&, const QStringList& ids) {
        if (!m_request.id.isEmpty() && ids.contains(m_request.id))
            showRequest(m_request.id);
    });
    connect(&m_tick, &QTimer::timeout, this, &RequestDetailsPane::updateTimes);
    m_tick.start(15'000);
}

QLabel* RequestDetailsPane::addField(const QString& label, const QString& objectName)
{
    auto* value = new QLabel(this);
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // The name a screen reader reads is the value itself; the field's label is its description.
    value->setAccessibleDescription(label);
    m_form->addRow(label + QLatin1Char(':'), value);
    return value;
}

void RequestDetailsPane::showRequest(const QString& requestId)
{
    const quint64 generation = ++m_generation;
    if (requestId.isEmpty()) {
        m_request = AccessRequest();
        m_heading->clear();
        m_body->hide();
        m_placeholder->show();
        return;
    }
    m_session->store()
        ->request(m_session->actor(), requestId)
        .then(QCoreApplication::instance(), guarded(this, [this, generation](const Result<AccessRequest>& result) {
                  if (generation != m_generation)
                      return;
                  if (!result) {
                      m_heading->setText(tr("Request not available"));
                      m_placeholder->setText(result.error().message());
                      m_placeholder->show();
                      m_body->hide();
                      return;
                  }
                  m_request = *result;
                  m_keysLoaded = false;
                  display();
                  loadKeys();
                  loadHistory();
                  emit requestShown(m_request);
              }));
}

void RequestDetailsPane::display()
{
    const AccessRequest& r = m_request;
    m_heading->setText(tr("Request %1").arg(r.reference));
    m_placeholder->hide();
    m_body->show();
    m_status->setText(r.statusText());
    m_ticket->setText(r.serviceRequest);
    m_workload->setText(workloads::displayName(r.workload));
    m_requester->setText(r.requester);
    m_reason->setText(r.reason);
    m_scope->setText(r.scope);
    m_duration->setText(TimeFormat::duration(r.durationMinutes));
    m_created->setText(TimeFormat::utc(r.created));

    QStringList approvers;
    for (const Decision& decision : r.decisions) {
        if (decision.kind == Decision::Kind::Approve)
            approvers << tr("%1 at %2").arg(decision.actor, TimeFormat::utc(decision.at));
    }
    m_approvals->setText(approvers.isEmpty() ? tr("%1 of %2 approvals").arg(r.approvalsCount).arg(r.approvalsRequired)
                                             : tr("%1 of %2 approvals: %3")
                                                   .arg(r.approvalsCount)
                                                   .arg(r.approvalsRequired)
                                                   .arg(approvers.join(QStringLiteral("; "))));
    m_manager->setText(r.manager.isEmpty() ? tr("Waiting for the support manager")
                                           : tr("%1 at %2").arg(r.manager, TimeFormat::utc(r.managerDecidedAt)));
    if (r.decidedBy.isEmpty())
        m_decision->setText(tr("Not decided yet"));
    else if (r.decisionComment.isEmpty())
        m_decision->setText(
            tr("%1 by %2 at %3").arg(requestStatus::displayName(r.status), r.decidedBy, TimeFormat::utc(r.decidedAt)));
    else
        m_decision->setText(tr("%1 by %2 at %3: \"%4\"")
                                .arg(requestStatus::displayName(r.status),
                                     r.decidedBy,
                                     TimeFormat::utc(r.decidedAt),
                                     r.decisionComment));

    displaySignatures();

    // The thread with the engineer, oldest first: who asked or answered, when, and what.
    QStringList thread;
    for (const Decision& step : r.decisions) {
        if (step.kind == Decision::Kind::Question)
            thread << tr("Question from %1 at %2:\n%3").arg(step.actor, TimeFormat::utc(step.at), step.comment);
        else if (step.kind == Decision::Kind::Answer)
            thread << tr("Answer from %1 at %2:\n%3").arg(step.actor, TimeFormat::utc(step.at), step.comment);
    }
    if (r.informationRequested)
        thread << tr("Waiting for %1 to answer.").arg(r.requester);
    m_thread->setText(thread.isEmpty() ? tr("No questions asked") : thread.join(QStringLiteral("\n\n")));
    if (r.escalatedAt.isValid())
        m_escalation->setText(tr("Escalated to the backup approvers at %1").arg(TimeFormat::utc(r.escalatedAt)));
    else if (r.escalateAt.isValid() && Lifecycle::isAwaitingDecision(r))
        m_escalation->setText(
            tr("Goes to the backup approvers at %1 if still undecided").arg(TimeFormat::utc(r.escalateAt)));
    else
        m_escalation->setText(tr("None"));
    updateTimes();
}

// Each approval, denial and revocation, and whether its approver's signature verifies against
// the key they registered: what tells a decision taken by the approver from a row written into
// the database by someone else.
void RequestDetailsPane::displaySignatures()
{
    QStringList lines;
    for (const Decision& decision : std::as_const(m_request.decisions)) {
        if (!Lifecycle::isSignedKind(decision.kind))
            continue;
        if (!m_keysLoaded) {
            m_signatures->setText(tr("Checking the signatures…"));
            return;
        }
        const Status verified = Lifecycle::checkDecisionSignature(m_request, decision, m_keys);
        const QString who = decision.kind == Decision::Kind::Approve ? tr("Approved by %1").arg(decision.actor)
            : decision.kind == Decision::Kind::Deny                  ? tr("Denied by %1").arg(decision.actor)
                                                                     : tr("Revoked by %1").arg(decision.actor);
        // "SHA256:" and the first 12 hex digits: enough to compare by eye with `lockboxctl key list`.
        const QString key = decision.signingKey.left(19) + QChar(0x2026);
        if (verified)
            lines << tr("%1: signature verified (key %2)").arg(who, key);
        else if (decision.signature.isEmpty())
            lines << tr("%1: not signed").arg(who);
        else
            lines << tr("%1: signature does not verify. %2").arg(who, verified.error().message());
    }
    m_signatures->setText(lines.isEmpty() ? tr("No approvals, denials or revocations yet")
                                          : lines.join(QLatin1Char('\n')));
}

void RequestDetailsPane::loadKeys()
{
    const bool anySigned = std::any_of(m_request.decisions.cbegin(), m_request.decisions.cend(), [](const Decision& d) {
        return Lifecycle::isSignedKind(d.kind);
    });
    if (!anySigned)
        return;
    const quint64 generation = m_generation;
    m_session->store()
        ->signingKeys(m_session->actor())
        .then(QCoreApplication::instance(), guarded(this, [this, generation](const Result<QList<RegisteredKey>>& keys) {
                  if (generation != m_generation)
                      return;
                  if (!keys) {
                      m_signatures->setText(tr("The signatures cannot be checked now: %1").arg(keys.error().message()));
                      return;
                  }
                  m_keys = *keys;
                  m_keysLoaded = true;
                  displaySignatures();
              }));
}

void RequestDetailsPane::updateTimes()
{
    if (m_request.id.isEmpty())
        return;
    const AccessRequest& r = m_request;
    const QDateTime now = m_session->now();
    const bool undecided = Lifecycle::isAwaitingDecision(r);
    m_expires->setText(undecided && now < r.expires
                           ? tr("%1 (%2 left)").arg(TimeFormat::utc(r.expires), TimeFormat::remaining(now, r.expires))
                           : TimeFormat::utc(r.expires));
    if (!r.accessFrom.isValid())
        m_window->setText(tr("No access granted"));
    else if (Lifecycle::isAccessOpen(r, now))
        m_window->setText(tr("Open: %1 to %2 (%3 left)")
                              .arg(TimeFormat::utc(r.accessFrom),
                                   TimeFormat::utc(r.accessUntil),
                                   TimeFormat::remaining(now, r.accessUntil)));
    else
        m_window->setText(tr("Closed: %1 to %2").arg(TimeFormat::utc(r.accessFrom), TimeFormat::utc(r.accessUntil)));

    const Status approve = m_session->mayPerform(Action::Approve, r);
    const Status deny = m_session->mayPerform(Action::Deny, r);
    const Status revoke = m_session->mayPerform(Action::Revoke, r);
    const Status ask = m_session->mayPerform(Action::Ask, r);
    m_ask->setEnabled(ask.isOk());
    m_ask->setVisible(ask.isOk());
    m_approve->setEnabled(approve.isOk());
    m_deny->setEnabled(deny.isOk());
    m_revoke->setEnabled(revoke.isOk());
    m_approve->setVisible(approve.isOk() || undecided);
    m_deny->setVisible(deny.isOk() || undecided);
    m_revoke->setVisible(revoke.isOk());
    // Say why a decision is not possible, rather than only hiding or greying the buttons.
    const bool anyAction = approve.isOk() || deny.isOk() || revoke.isOk();
    const bool explain = !anyAction && (undecided || r.status == RequestStatus::Expired);
    m_actionHint->setVisible(explain);
    if (explain)
        m_actionHint->setText(approve.error().message());
}

void RequestDetailsPane::loadHistory()
{
    AuditQuery query;
    query.requestId = m_request.id;
    query.limit = AuditQuery::maxLimit;
    const quint64 generation = m_generation;
    m_session->store()
        ->auditRecords(m_session->actor(), query)
        .then(QCoreApplication::instance(), guarded(this, [this, generation](const Result<Page<AuditRecord>>& result) {
                  if (generation != m_generation)
                      return;
                  if (!result) {
                      m_history->setPlainText(result.error().message());
                      return;
                  }
                  // One paragraph an event: when, what and who in bold, then what it recorded.
                  QString html;
                  for (const AuditRecord& record : result->items) {
                      const QString details = AuditTableModel::describe(record);
                      html
                          += tr("<p><b>%1 · %2</b> by %3%4</p>")
                                 .arg(TimeFormat::utc(record.at).toHtmlEscaped(),
                                      record.operation.toHtmlEscaped(),
                                      record.actor.toHtmlEscaped(),
                                      details.isEmpty() ? QString() : QStringLiteral("<br>") + details.toHtmlEscaped());
                  }
                  m_history->setHtml(html);
              }));
}

} // namespace lockbox
