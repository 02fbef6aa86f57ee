#include "DemoController.h"
#include "core/Guarded.h"

#include "DemoBar.h"
#include "ExercisesPanel.h"
#include "FileRequestDialog.h"
#include "MainWindow.h"
#include "audit/AuditPage.h"
#include "common/TabOrder.h"
#include "demo/DemoClock.h"
#include "demo/DemoSimulator.h"
#include "demo/ExerciseTracker.h"
#include "requests/RequestsPage.h"
#include "seed/SeedGenerator.h"
#include "session/Session.h"
#include "store/Store.h"

#include <QApplication>
#include <QDockWidget>
#include <QMessageBox>
#include <QProcess>
#include <QStatusBar>

namespace lockbox {

namespace {
QList<DemoBar::Persona> personas(const DemoCast::Tenant& tenant)
{
    QList<DemoBar::Persona> list;
    list.append({tenant.globalAdmin.principal,
                 DemoController::tr("%1 (%2)").arg(tenant.globalAdmin.displayName,
                                                   roles::displayName(Role::GlobalAdministrator))});
    if (!tenant.approvers.isEmpty())
        list.append({tenant.approvers.first().principal,
                     DemoController::tr("%1 (%2)").arg(tenant.approvers.first().displayName,
                                                       roles::displayName(Role::LockboxApprover))});
    if (!tenant.readers.isEmpty())
        list.append(
            {tenant.readers.first().principal,
             DemoController::tr("%1 (%2)").arg(tenant.readers.first().displayName, roles::displayName(Role::Reader))});
    return list;
}
} // namespace

DemoController::DemoController(
    MainWindow* window, Session* session, DemoClock* clock, AppSettings* settings, QDateTime demoStart, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_session(session)
{
    const DemoCast::Tenant tenant = DemoCast::standard().tenants.first();
    m_bar = new DemoBar(session, clock, personas(tenant), window);
    m_simulator = new DemoSimulator(session->store(), clock, tenant.id, quint32(demoStart.toSecsSinceEpoch()), this);
    m_tracker = new ExerciseTracker(
        session->store(), settings, Actor {tenant.globalAdmin.principal, tenant.id}, demoStart, this);
    window->setWindowTitle(tr("Lockbox Admin Center — training demo"));

    m_dock = new QDockWidget(tr("Exercises"), window);
    m_dock->setObjectName(QStringLiteral("exercisesDock"));
    m_dock->setWidget(new ExercisesPanel(m_tracker, m_dock));
    m_dock->setMinimumWidth(340);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide(); // the Exercises button shows it, with the progress on its label
    // Tab order follows reading order: the page, the exercises beside it, then the bar above all.
    TabOrder::chain({m_dock, m_bar});
    window->addTopBar(m_bar);
    auto showProgress = [this] {
        m_bar->setExerciseProgress(m_tracker->doneCount(), int(ExerciseTracker::exercises().size()));
    };
    connect(m_tracker, &ExerciseTracker::changed, m_bar, showProgress);
    showProgress();

    connect(m_bar, &DemoBar::personaChosen, this, [this](const QString& principal) {
        m_session->signIn(Actor {principal, m_session->actor().tenantId});
    });
    connect(m_bar, &DemoBar::exercisesClicked, this, [this] { m_dock->setVisible(!m_dock->isVisible()); });
    connect(m_bar, &DemoBar::fileRequestClicked, this, &DemoController::fileRequest);
    connect(m_bar, &DemoBar::resetClicked, this, &DemoController::resetDemo);
    connect(m_simulator, &DemoSimulator::requestAwaitsApproval, this, [this](const AccessRequest& request) {
        const QString text
            = tr("%1 from %2 awaits approval: %3").arg(request.reference, request.requester, request.reason);
        m_bar->announce(text);
        m_window->statusBar()->showMessage(text, 10'000);
        QApplication::alert(m_window);
    });
    connect(m_simulator, &DemoSimulator::requestApprovedBySystem, this, [this](const AccessRequest& request) {
        m_bar->announce(
            tr("%1 was approved by the system: your tenant does not require approval.").arg(request.reference));
    });
    connect(m_tracker, &ExerciseTracker::completed, this, [this](const QString& id) {
        for (const ExerciseTracker::Exercise& exercise : ExerciseTracker::exercises()) {
            if (exercise.id == id)
                m_bar->announce(tr("Exercise done: %1").arg(exercise.title));
        }
    });
    connect(window->requestsPage(), &RequestsPage::requestShown, m_tracker, &ExerciseTracker::noteRequestSeen);
    AuditPage* audit = window->auditPage();
    connect(audit, &AuditPage::filterApplied, m_tracker, &ExerciseTracker::noteAuditSearched);
    connect(audit, &AuditPage::verified, m_tracker, &ExerciseTracker::noteAuditVerified);
}

FileRequestDialog* DemoController::fileRequestDialog() const
{
    return m_fileDialog;
}

void DemoController::start()
{
    m_simulator->start();
    m_tracker->evaluate();
}

void DemoController::fileRequest()
{
    if (m_fileDialog)
        return;
    m_fileDialog = new FileRequestDialog(m_session->actor().tenantId, m_window);
    m_fileDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_fileDialog, &QDialog::accepted, this, [this, dialog = m_fileDialog] {
        const DemoCast cast = DemoCast::standard();
        const Actor engineer {cast.engineers.first().principal, operatorTenantId};
        const Actor manager {cast.managers.first().principal, operatorTenantId};
        m_session->store()
            ->fileRequest(engineer, dialog->request())
            .then(QCoreApplication::instance(), guarded(this, [this, manager](const Result<AccessRequest>& filed) {
                      if (!filed) {
                          m_bar->announce(filed.error().message());
                          return;
                      }
                      // The engineer's manager approves at once, so the request reaches you now.
                      m_session->store()
                          ->perform(manager, filed->id, Action::ManagerApprove, {})
                          .then(
                              QCoreApplication::instance(),
                              guarded(this, [this](const Result<AccessRequest>& approved) {
                                  if (!approved)
                                      m_bar->announce(approved.error().message());
                                  else if (approved->status == RequestStatus::Pending)
                                      m_bar->announce(tr("You filed %1; it awaits approval.").arg(approved->reference));
                                  else
                                      m_bar->announce(tr("You filed %1; it is %2.")
                                                          .arg(approved->reference,
                                                               requestStatus::displayName(approved->status).toLower()));
                              }));
                  }));
    });
    m_fileDialog->open();
}

void DemoController::resetDemo()
{
    auto* confirm = new QMessageBox(QMessageBox::Question,
                                    tr("Reset the demo?"),
                                    tr("Start over with fresh simulated data? Your exercise progress is kept."),
                                    QMessageBox::Yes | QMessageBox::Cancel,
                                    m_window);
    confirm->setObjectName(QStringLiteral("confirmResetDialog"));
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QMessageBox::finished, this, [](int result) {
        if (result != QMessageBox::Yes)
            return;
        // A fresh process makes a fresh temporary store; this one's is removed as it exits.
        QProcess::startDetached(QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1));
        QApplication::quit();
    });
    confirm->open();
}

} // namespace lockbox
