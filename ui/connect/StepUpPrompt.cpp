#include "StepUpPrompt.h"

#include "StepUpDialog.h"
#include "core/Guarded.h"
#include "session/Session.h"

#include <QCoreApplication>

namespace lockbox {

void StepUpPrompt::ask(QWidget* parent,
                       Session* session,
                       const QString& what,
                       std::function<void()> retry,
                       std::function<void(const Error&)> failed)
{
    auto* dialog = new StepUpDialog(what, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::rejected, dialog, [failed] {
        failed(Error(Error::Code::StepUpRequired,
                     QCoreApplication::translate("lockbox::StepUpPrompt",
                                                 "Nothing was done: the one-time code was not entered.")));
    });
    QObject::connect(dialog, &StepUpDialog::codeEntered, dialog, [dialog, session, retry, failed](const QString& code) {
        session->stepUp(code).then(QCoreApplication::instance(),
                                   guarded(dialog, [dialog, retry, failed](const Status& taken) {
                                       if (!taken && taken.error().code() == Error::Code::StepUpRequired) {
                                           dialog->showProblem(taken.error().message());
                                           return;
                                       }
                                       // Closed without the rejected() signal: the outcome is told below.
                                       dialog->blockSignals(true);
                                       dialog->close();
                                       if (taken)
                                           retry();
                                       else
                                           failed(taken.error());
                                   }));
    });
    dialog->open();
}

} // namespace lockbox
