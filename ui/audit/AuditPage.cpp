#include "AuditPage.h"
#include "core/Guarded.h"

#include "audit/AuditExportJob.h"
#include "audit/AuditOperation.h"
#include "common/NotificationBanner.h"
#include "itemmodels/AuditTableModel.h"
#include "session/Session.h"
#include "store/Store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lockbox {

AuditPage::AuditPage(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new AuditTableModel(session, this))
    , m_banner(new NotificationBanner(this))
    , m_useFrom(new QCheckBox(tr("&From:"), this))
    , m_from(new QDateTimeEdit(this))
    , m_useTo(new QCheckBox(tr("&To:"), this))
    , m_to(new QDateTimeEdit(this))
    , m_operation(new QComboBox(this))
    , m_actor(new QLineEdit(this))
    , m_request(new QLineEdit(this))
    , m_apply(new QPushButton(tr("A&pply filter"), this))
    , m_table(new QTableView(this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_verify(new QPushButton(tr("&Verify integrity"), this))
    , m_verifyResult(new QLabel(this))
{
    setObjectName(QStringLiteral("auditPage"));
    m_banner->setObjectName(QStringLiteral("auditBanner"));
    for (QDateTimeEdit* edit : {m_from, m_to}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_useFrom->setObjectName(QStringLiteral("auditUseFrom"));
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_useTo->setObjectName(QStringLiteral("auditUseTo"));
    m_to->setObjectName(QStringLiteral("auditTo"));
    m_useFrom->setAccessibleDescription(tr("Show only records from a time on"));
    m_useTo->setAccessibleDescription(tr("Show only records up to a time"));
    m_from->setAccessibleName(tr("From time"));
    m_from->setAccessibleDescription(tr("The earliest record to show, in UTC"));
    m_to->setAccessibleName(tr("To time"));
    m_to->setAccessibleDescription(tr("The latest record to show, in UTC"));
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    m_operation->setObjectName(QStringLiteral("auditOperationFilter"));
    m_operation->setAccessibleName(tr("Operation"));
    m_operation->setAccessibleDescription(tr("Show only records of this operation"));
    m_operation->addItem(tr("Any operation"), QString());
    for (const QString& operation : AuditOperation::all())
        m_operation->addItem(operation, operation);
    m_actor->setObjectName(QStringLiteral("auditActorFilter"));
    m_actor->setPlaceholderText(tr("Actor, e.g. megan.bowen@contoso.com"));
    m_actor->setAccessibleName(tr("Actor"));
    m_actor->setAccessibleDescription(tr("Show only what this person did; Enter applies the filter"));
    m_request->setObjectName(QStringLiteral("auditRequestFilter"));
    m_request->setPlaceholderText(tr("Request reference, e.g. EXSR359423"));
    // The whole hint shows, in any language and at any font size.
    m_request->setMinimumWidth(m_request->fontMetrics().horizontalAdvance(m_request->placeholderText())
                               + 4 * m_request->fontMetrics().averageCharWidth());
    m_request->setAccessibleName(tr("Request"));
    m_request->setAccessibleDescription(tr("Show only the records of this request; Enter applies the filter"));
    m_apply->setObjectName(QStringLiteral("auditApplyFilter"));
    m_export->setObjectName(QStringLiteral("auditExport"));
    m_verify->setObjectName(QStringLiteral("auditVerify"));
    m_verifyResult->setObjectName(QStringLiteral("auditVerifyResult"));
    m_apply->setAccessibleDescription(tr("Shows the records that match the filter"));
    m_export->setAccessibleDescription(tr("Saves the records shown to a JSON lines or CSV file"));
    m_verify->setAccessibleDescription(
        tr("Checks the hash chain of the whole log: any edited, deleted or reordered record is found"));
    m_verifyResult->setAccessibleDescription(tr("The result of the last integrity check"));
    m_verifyResult->setWordWrap(true);
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit log"));
    m_table->setAccessibleDescription(tr("One record a row, newest first"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setTabKeyNavigation(false);

    auto* title = new QLabel(tr("Audit log"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    title->setFont(big);

    auto* filters = new QGridLayout;
    filters->addWidget(m_useFrom, 0, 0);
    filters->addWidget(m_from, 0, 1);
    filters->addWidget(m_useTo, 0, 2);
    filters->addWidget(m_to, 0, 3);
    auto* operationLabel = new QLabel(tr("&Operation:"), this);
    operationLabel->setBuddy(m_operation);
    auto* actorLabel = new QLabel(tr("A&ctor:"), this);
    actorLabel->setBuddy(m_actor);
    auto* requestLabel = new QLabel(tr("Re&quest:"), this);
    requestLabel->setBuddy(m_request);
    filters->addWidget(operationLabel, 1, 0);
    filters->addWidget(m_operation, 1, 1);
    filters->addWidget(actorLabel, 1, 2);
    filters->addWidget(m_actor, 1, 3);
    filters->addWidget(requestLabel, 2, 0);
    filters->addWidget(m_request, 2, 1, 1, 2); // room for its hint, "Request reference, e.g. …"
    filters->addWidget(m_apply, 2, 3, Qt::AlignRight);
    filters->setColumnStretch(3, 1);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_export);
    actions->addWidget(m_verify);
    actions->addWidget(m_verifyResult, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addLayout(actions);
    layout->addWidget(m_table, 1);
    // Reading order: the actions sit above the table, though made after it.
    setTabOrder(m_apply, m_export);
    setTabOrder(m_export, m_verify);
    setTabOrder(m_verify, m_table);

    m_chooseFile = [](QWidget* owner) {
        return QFileDialog::getSaveFileName(owner,
                                            tr("Export audit log"),
                                            QStringLiteral("lockbox-audit.jsonl"),
                                            tr("JSON lines (*.jsonl);;CSV (*.csv)"));
    };
    connect(m_apply, &QPushButton::clicked, this, &AuditPage::applyFilter);
    for (QLineEdit* edit : {m_actor, m_request})
        connect(edit, &QLineEdit::returnPressed, this, &AuditPage::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::exportLog);
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verify);
    connect(m_model, &AuditTableModel::loadFailed, this, [this](const Error& error) {
        m_banner->showMessage(NotificationBanner::Kind::Error, error.message());
    });
    connect(m_model, &AuditTableModel::pageLoaded, this, [this] {
        if (m_table->columnWidth(AuditTableModel::Details) < 10 || m_model->rowCount() <= 200)
            m_table->resizeColumnsToContents();
    });
    connect(session, &Session::signedIn, this, [this] {
        const QDateTime now = m_session->now();
        m_from->setDateTime(now.addDays(-7));
        m_to->setDateTime(now.addSecs(3600));
        m_model->refresh();
        const Status allowed = m_session->mayDo(Action::ReadAudit);
        setEnabled(allowed.isOk());
        if (!allowed.isOk())
            m_banner->showMessage(NotificationBanner::Kind::Warning, allowed.error().message());
    });
    if (session->isSignedIn())
        m_model->refresh();
}

void AuditPage::applyFilter()
{
    AuditQuery filter;
    if (m_useFrom->isChecked())
        filter.from = m_from->dateTime();
    if (m_useTo->isChecked())
        filter.to = m_to->dateTime();
    filter.operation = m_operation->currentData().toString();
    filter.actor = m_actor->text().trimmed();
    const QString request = m_request->text().trimmed();
    if (request.isEmpty()) {
        m_model->setFilter(filter);
        emit filterApplied();
        return;
    }
    // People know requests by reference; the log keys them by id.
    m_session->store()
        ->request(m_session->actor(), request)
        .then(QCoreApplication::instance(), guarded(this, [this, filter](const Result<AccessRequest>& found) mutable {
                  if (!found) {
                      m_banner->showMessage(NotificationBanner::Kind::Error, found.error().message());
                      return;
                  }
                  filter.requestId = found->id;
                  m_model->setFilter(filter);
              }));
}

void AuditPage::exportLog()
{
    QString path = m_chooseFile(this);
    if (path.isEmpty())
        return;
    const AuditExporter::Format format = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
        ? AuditExporter::Format::Csv
        : AuditExporter::Format::JsonLines;
    auto* job = new AuditExportJob(m_session->store(), m_session->actor(), m_model->filter(), this);
    m_progress = new QProgressDialog(tr("Exporting the audit log…"), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_progress, &QProgressDialog::canceled, job, &AuditExportJob::cancel);
    connect(job, &AuditExportJob::progress, this, [this](qint64 written) {
        if (m_progress)
            m_progress->setLabelText(tr("Exporting the audit log… Records written: %1.").arg(written));
    });
    connect(job, &AuditExportJob::finished, this, [this, job, path](const Result<qint64>& result) {
        if (m_progress)
            m_progress->close();
        job->deleteLater();
        if (!result) {
            m_banner->showMessage(NotificationBanner::Kind::Error, result.error().message());
            return;
        }
        m_banner->showMessage(NotificationBanner::Kind::Success,
                              tr("Exported the audit log to %1. Records: %2.").arg(path).arg(*result));
    });
    job->start(path, format);
}

void AuditPage::verify()
{
    m_verify->setEnabled(false);
    m_verifyResult->setText(tr("Verifying…"));
    m_session->store()
        ->verifyAudit(m_session->actor())
        .then(QCoreApplication::instance(), guarded(this, [this](const Result<AuditVerification>& result) {
                  m_verify->setEnabled(true);
                  if (!result) {
                      m_verifyResult->clear();
                      m_banner->showMessage(NotificationBanner::Kind::Error, result.error().message());
                      return;
                  }
                  m_verifyResult->setText(result->summary());
                  emit verified(result->intact);
                  m_banner->showMessage(result->intact ? NotificationBanner::Kind::Success
                                                       : NotificationBanner::Kind::Error,
                                        result->summary());
              }));
}

} // namespace lockbox
