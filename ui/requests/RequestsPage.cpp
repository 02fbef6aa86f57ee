#include "RequestsPage.h"

#include "connect/StepUpPrompt.h"
#include "core/Guarded.h"

#include "DecisionButtonsDelegate.h"
#include "DecisionDialog.h"
#include "RequestDetailsPane.h"
#include "StatusItemDelegate.h"
#include "common/NotificationBanner.h"
#include "itemmodels/RequestTableModel.h"
#include "itemmodels/TimeFormat.h"
#include "lifecycle/Lifecycle.h"
#include "session/Session.h"
#include "store/Store.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace lockbox {

namespace {
struct FilterChoice
{
    QString label;
    QList<RequestStatus> statuses;
};

QList<FilterChoice> filterChoices()
{
    return {{RequestsPage::tr("Pending"), {RequestStatus::Pending}},
            {RequestsPage::tr("Approved"), {RequestStatus::Approved}},
            {RequestsPage::tr("Denied"), {RequestStatus::Denied}},
            {RequestsPage::tr("Expired"), {RequestStatus::Expired}},
            {RequestsPage::tr("Revoked"), {RequestStatus::Revoked}},
            {RequestsPage::tr("Completed"), {RequestStatus::Completed}},
            {RequestsPage::tr("Awaiting manager"), {RequestStatus::Filed}},
            {RequestsPage::tr("Decided"), Lifecycle::decidedStatuses()},
            {RequestsPage::tr("All"), {}}};
}
} // namespace

RequestsPage::RequestsPage(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new RequestTableModel(session, this))
    , m_banner(new NotificationBanner(this))
    , m_statusFilter(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_busy(new QLabel(this))
    , m_presetNote(new QLabel(this))
    , m_table(new QTableView(this))
    , m_details(new RequestDetailsPane(session, this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("requestsPage"));
    m_banner->setObjectName(QStringLiteral("requestsBanner"));

    for (const FilterChoice& choice : filterChoices())
        m_statusFilter->addItem(choice.label);
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    m_statusFilter->setAccessibleName(tr("Status filter"));
    m_statusFilter->setAccessibleDescription(tr("Shows only the requests in this status (Alt+S)"));
    auto* statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_statusFilter);

    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search reference, ticket, reason, requester, scope (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search requests"));
    m_search->setAccessibleDescription(
        tr("Finds requests by reference, service request, reason, requester or scope (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    auto* focusSearch = new QAction(this);
    focusSearch->setShortcut(QKeySequence::Find);
    connect(focusSearch, &QAction::triggered, m_search, qOverload<>(&QWidget::setFocus));
    addAction(focusSearch);

    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Reload the list from the store (F5)"));
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setAccessibleDescription(tr("What the page is waiting for"));

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(statusLabel);
    toolbar->addWidget(m_statusFilter);
    toolbar->addWidget(m_search, 1);
    toolbar->addWidget(m_refresh);
    toolbar->addWidget(m_busy);

    m_table->setObjectName(QStringLiteral("requestTable"));
    m_table->setAccessibleName(tr("Data access requests"));
    m_table->setAccessibleDescription(
        tr("One request a row. Select one to see its details below; Alt+A approves it, Alt+D denies it, and "
           "Shift+F10 or the menu key lists what you may do with it."));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RequestTableModel::Requested, Qt::DescendingOrder);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->setTabKeyNavigation(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setMinimumSectionSize(
        m_table->fontMetrics().horizontalAdvance(QStringLiteral("Reason")) + 24);
    m_table->setItemDelegateForColumn(RequestTableModel::Status, new StatusItemDelegate(m_table));
    auto* buttons = new DecisionButtonsDelegate(m_table);
    m_table->setItemDelegateForColumn(RequestTableModel::Actions, buttons);
    m_table->setMouseTracking(true);
    // The row's Approve and Deny are painted, out of the keyboard's reach: its menu offers them too,
    // from the menu key, Shift+F10 or a right click.
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &RequestsPage::showRowMenu);
    auto* openRowMenu = new QAction(m_table);
    openRowMenu->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10));
    openRowMenu->setShortcutContext(Qt::WidgetShortcut);
    connect(openRowMenu, &QAction::triggered, this, [this] {
        if (m_table->currentIndex().isValid())
            showRowMenu(m_table->visualRect(m_table->currentIndex()).center());
    });
    m_table->addAction(openRowMenu);

    m_splitter->setObjectName(QStringLiteral("requestsSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    m_presetNote->setObjectName(QStringLiteral("presetNote"));
    m_presetNote->setAccessibleDescription(tr("Which requests the list shows"));
    m_presetNote->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(toolbar);
    layout->addWidget(m_presetNote);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_statusFilter, m_search);
    setTabOrder(m_search, m_refresh);
    setTabOrder(m_refresh, m_table);
    setTabOrder(m_table, m_details);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(m_search, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(&m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearch(m_search->text()); });
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &RequestsPage::statusFilterChanged);
    connect(m_refresh, &QPushButton::clicked, m_model, &RequestTableModel::refresh);
    connect(m_model, &RequestTableModel::loadingChanged, this, [this](bool loading) {
        m_busy->setText(loading ? tr("Loading…") : QString());
    });
    connect(m_model, &RequestTableModel::loadFailed, this, [this](const Error& error) {
        m_banner->showMessage(NotificationBanner::Kind::Error, error.message());
    });
    // A request asked for (from a notice, say) may arrive in the list after the ask, alone.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_wantedSelection.isEmpty())
            selectRowOf(m_wantedSelection);
    });
    connect(m_model, &RequestTableModel::pageLoaded, this, [this] {
        if (!m_columnsSized && m_model->rowCount() > 0) {
            // Fit every column to its content once; Reason then takes the remaining width.
            m_table->resizeColumnsToContents();
            m_table->horizontalHeader()->setSectionResizeMode(RequestTableModel::Reason, QHeaderView::Stretch);
            m_columnsSized = true;
        } else if (m_model->rowCount() > 0) {
            // Another status shows other text ("access: 2 h 35 min left", "Approved"): widen a
            // column that would cut it, and never narrow one the admin widened.
            for (int column = 0; column < m_model->columnCount(); ++column) {
                if (column == RequestTableModel::Reason)
                    continue;
                const int before = m_table->columnWidth(column);
                m_table->resizeColumnToContents(column);
                if (m_table->columnWidth(column) < before)
                    m_table->setColumnWidth(column, before);
            }
        }
        if (!m_wantedSelection.isEmpty())
            selectRowOf(m_wantedSelection);
        else if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0)
            m_table->setCurrentIndex(m_model->index(0, RequestTableModel::Reference));
        if (m_model->rowCount() == 0)
            m_details->showRequest({});
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RequestsPage::currentRowChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_details->showRequest({}); });
    connect(buttons, &DecisionButtonsDelegate::approveClicked, this, [this](const QModelIndex& index) {
        if (const AccessRequest* request = m_model->requestAt(index.row()))
            decide(Action::Approve, *request);
    });
    connect(buttons, &DecisionButtonsDelegate::denyClicked, this, [this](const QModelIndex& index) {
        if (const AccessRequest* request = m_model->requestAt(index.row()))
            decide(Action::Deny, *request);
    });
    connect(m_details, &RequestDetailsPane::decisionRequested, this, &RequestsPage::decide);
    connect(m_details, &RequestDetailsPane::requestShown, this, &RequestsPage::requestShown);
    connect(m_session, &Session::signedIn, m_model, &RequestTableModel::refresh);
    if (m_session->isSignedIn())
        m_model->refresh();
}

DecisionDialog* RequestsPage::openDecisionDialog() const
{
    return m_dialog;
}

void RequestsPage::statusFilterChanged()
{
    m_presetNote->hide();
    const QList<FilterChoice> choices = filterChoices();
    const int index = m_statusFilter->currentIndex();
    if (index >= 0 && index < choices.size())
        m_model->setStatuses(choices.at(index).statuses);
}

void RequestsPage::applyPreset(RequestListPreset preset)
{
    // The same definitions as the Home counts, so a card's number is the list's length.
    const QDateTime now = m_session->now();
    RequestQuery query;
    query.statuses = {RequestStatus::Pending};
    query.sortKey = RequestQuery::SortKey::Created;
    query.order = Qt::DescendingOrder;
    QString note;
    switch (preset) {
    case RequestListPreset::Pending:
        break;
    case RequestListPreset::ExpiringSoon:
        query.expiresBefore = now.addSecs(3600);
        query.sortKey = RequestQuery::SortKey::Expires;
        query.order = Qt::AscendingOrder;
        note = tr("Only those that lapse within the hour (before %1).").arg(TimeFormat::utc(query.expiresBefore));
        break;
    case RequestListPreset::DecidedToday:
        query.statuses = Lifecycle::decidedStatuses();
        query.decidedFrom = QDateTime(now.date(), QTime(0, 0), Qt::UTC);
        note = tr("Only those decided today (since %1).").arg(TimeFormat::utc(query.decidedFrom));
        break;
    case RequestListPreset::AccessOpen:
        query.statuses = {RequestStatus::Approved};
        query.sortKey = RequestQuery::SortKey::Expires;
        query.order = Qt::AscendingOrder;
        note = tr("Access windows open now.");
        break;
    }
    {
        QSignalBlocker blockFilter(m_statusFilter);
        QSignalBlocker blockSearch(m_search);
        m_search->clear();
        const QList<FilterChoice> choices = filterChoices();
        for (int i = 0; i < choices.size(); ++i) {
            if (choices.at(i).statuses == query.statuses)
                m_statusFilter->setCurrentIndex(i);
        }
        QSignalBlocker blockHeader(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(query.sortKey == RequestQuery::SortKey::Expires
                                                          ? RequestTableModel::ExpiresIn
                                                          : RequestTableModel::Requested,
                                                      query.order);
    }
    m_presetNote->setText(note);
    m_presetNote->setVisible(!note.isEmpty());
    m_model->setQuery(query);
}

void RequestsPage::selectRequest(const QString& requestId)
{
    m_wantedSelection = requestId;
    selectRowOf(requestId);
    m_details->showRequest(requestId);
}

void RequestsPage::selectRowOf(const QString& requestId)
{
    const int row = m_model->rowOf(requestId);
    if (row < 0)
        return;
    m_wantedSelection.clear();
    m_table->setCurrentIndex(m_model->index(row, RequestTableModel::Reference));
    m_table->scrollTo(m_model->index(row, RequestTableModel::Reference));
}

void RequestsPage::showRowMenu(const QPoint& position)
{
    // The row under the pointer (or, from the keyboard, the current row's centre) becomes current.
    const QModelIndex row = m_table->indexAt(position);
    if (!row.isValid())
        return;
    m_table->setCurrentIndex(row);
    const AccessRequest* request = m_model->requestAt(row.row());
    if (!request)
        return;
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("requestRowMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (const auto& [action, text] : {std::pair {Action::Approve, tr("&Approve…")},
                                       std::pair {Action::Deny, tr("&Deny…")},
                                       std::pair {Action::Revoke, tr("Re&voke access…")}}) {
        const Status allowed = m_session->mayPerform(action, *request);
        QAction* item = menu->addAction(text);
        item->setEnabled(allowed.isOk());
        if (!allowed)
            item->setToolTip(allowed.error().message());
        connect(item, &QAction::triggered, this, [this, action, wanted = *request] { decide(action, wanted); });
    }
    menu->setToolTipsVisible(true);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void RequestsPage::currentRowChanged()
{
    const AccessRequest* request = m_model->requestAt(m_table->currentIndex().row());
    m_details->showRequest(request ? request->id : QString());
}

void RequestsPage::decide(Action action, const AccessRequest& request)
{
    if (m_dialog)
        return;
    if (Status allowed = m_session->mayPerform(action, request); !allowed) {
        m_banner->showMessage(NotificationBanner::Kind::Error, allowed.error().message());
        return;
    }
    m_dialog = new DecisionDialog(action, request, m_session->now(), this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        submit(dialog->action(), dialog->requestId(), dialog->comment());
    });
    // A decision taken elsewhere while the dialog is open is reported before the admin confirms.
    connect(m_session->store(),
            &Store::requestsChanged,
            m_dialog,
            [dialog = m_dialog, id = request.id, this](const QString&, const QStringList& ids) {
                if (!ids.contains(id))
                    return;
                m_session->store()
                    ->request(m_session->actor(), id)
                    .then(QCoreApplication::instance(),
                          guarded(dialog, [this, dialog](const Result<AccessRequest>& now) {
                              if (!now)
                                  return;
                              if (Status still = m_session->mayPerform(dialog->action(), *now); !still)
                                  dialog->warn(tr("This request has just changed: %1").arg(still.error().message()));
                          }));
            });
    m_dialog->open();
}

void RequestsPage::submit(Action action, const QString& requestId, const QString& comment)
{
    m_busy->setText(tr("Saving…"));
    m_session->decide(action, requestId, comment)
        .then(QCoreApplication::instance(),
              guarded(this, [this, action, requestId, comment](const Result<AccessRequest>& result) {
                  m_busy->clear();
                  if (!result && result.error().code() == Error::Code::StepUpRequired && m_session->isRemote()) {
                      // The service wants a fresh one-time code: ask for it, then decide again.
                      StepUpPrompt::ask(
                          this,
                          m_session,
                          tr("This decision"),
                          [this, action, requestId, comment] { submit(action, requestId, comment); },
                          [this](const Error& error) {
                              m_banner->showMessage(NotificationBanner::Kind::Error, error.message());
                          });
                      return;
                  }
                  if (!result) {
                      m_banner->showMessage(NotificationBanner::Kind::Error, result.error().message());
                      m_details->showRequest(requestId);
                      m_model->refresh();
                      m_wantedSelection = requestId;
                      return;
                  }
                  const AccessRequest& request = *result;
                  QString message;
                  switch (action) {
                  case Action::Deny:
                      message = tr("Denied %1. The engineer gets no access.").arg(request.reference);
                      break;
                  case Action::Ask:
                      message = tr("Your question on %1 went to %2. The request shows \"Information requested\" "
                                   "until they answer.")
                                    .arg(request.reference, request.requester);
                      break;
                  case Action::Revoke:
                      message = tr("Revoked access for %1 at %2.")
                                    .arg(request.reference, TimeFormat::utc(request.accessUntil));
                      break;
                  default:
                      message = request.status == RequestStatus::Approved
                          ? tr("Approved %1: %2 has access until %3.")
                                .arg(request.reference, request.requester, TimeFormat::utc(request.accessUntil))
                          : tr("Your approval of %1 is recorded: %2 of %3 approvals.")
                                .arg(request.reference)
                                .arg(request.approvalsCount)
                                .arg(request.approvalsRequired);
                      break;
                  }
                  m_banner->showMessage(NotificationBanner::Kind::Success, message);
                  m_details->showRequest(request.id);
                  emit decided(action, request);
                  // The button that started it may be gone with the decision: keyboard users go on
                  // from the list.
                  m_table->setFocus(Qt::OtherFocusReason);
              }));
}

} // namespace lockbox
