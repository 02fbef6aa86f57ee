#include "OperatorCommands.h"

#include "CommandArguments.h"
#include "CommandCatalog.h"
#include "CommandContext.h"
#include "DisplayFormat.h"
#include "RequestCommands.h"
#include "lifecycle/Lifecycle.h"
#include "store/Store.h"
#include "json/RequestJson.h"
#include "json/TenantJson.h"

#include <QTextStream>

namespace lockbox {

namespace {

QString workloadList()
{
    QStringList keys;
    for (Workload workload : workloads::all())
        keys.append(workloads::key(workload).toLower());
    return keys.join(QLatin1Char('|'));
}

// The options among `names` that were not given, as "--for, --ticket".
QString missing(const CommandArguments& arguments, const QStringList& names)
{
    QStringList absent;
    for (const QString& name : names) {
        if (!arguments.isSet(name))
            absent.append(QStringLiteral("--") + name);
    }
    return absent.join(QStringLiteral(", "));
}

} // namespace

void OperatorCommands::addTo(CommandCatalog& catalog)
{
    auto spec = [](QString word,
                   QStringList positionals,
                   QString synopsis,
                   QString summary,
                   QList<QCommandLineOption> options,
                   CommandSpec::Handler run) {
        return CommandSpec {{QStringLiteral("operator"), std::move(word)},
                            std::move(positionals),
                            std::move(synopsis),
                            std::move(summary),
                            std::move(options),
                            CommandSpec::Needs::Actor,
                            operatorTenantId,
                            std::move(run)};
    };
    const QCommandLineOption comment(
        QStringLiteral("comment"), tr("A comment for the audit log."), QStringLiteral("TEXT"));
    const QCommandLineOption forTenant(
        QStringLiteral("for"), tr("The customer tenant, e.g. contoso.onmicrosoft.com."), QStringLiteral("TENANT"));

    catalog.add(spec(
        QStringLiteral("file"),
        {},
        QStringLiteral("--for TENANT --workload %1 --ticket SR --reason TEXT --scope TEXT "
                       "--duration MINUTES")
            .arg(workloadList()),
        tr("File a data access request for a customer tenant (Support engineers)."),
        {forTenant,
         QCommandLineOption(QStringLiteral("workload"),
                            tr("The service whose content is touched: %1.").arg(workloadList()),
                            QStringLiteral("WORKLOAD")),
         QCommandLineOption(
             QStringLiteral("ticket"), tr("The service request (support ticket) number."), QStringLiteral("SR")),
         QCommandLineOption(
             QStringLiteral("reason"), tr("Why access is needed; the customer decides on it."), QStringLiteral("TEXT")),
         QCommandLineOption(
             QStringLiteral("scope"), tr("What content is touched (a mailbox, a site, ...)."), QStringLiteral("TEXT")),
         QCommandLineOption(QStringLiteral("duration"),
                            tr("How long access is needed, in minutes (1 to 240)."),
                            QStringLiteral("MINUTES"))},
        &OperatorCommands::file));
    catalog.add(spec(QStringLiteral("manager-approve"),
                     {QStringLiteral("REF")},
                     QStringLiteral("[--comment TEXT]"),
                     tr("Approve a filed request internally, passing it to the customer (Support managers)."),
                     {comment},
                     &OperatorCommands::managerApprove));
    catalog.add(spec(QStringLiteral("manager-reject"),
                     {QStringLiteral("REF")},
                     QStringLiteral("--reason TEXT"),
                     tr("Reject a filed request internally (Support managers)."),
                     {QCommandLineOption(QStringLiteral("reason"),
                                         tr("Why it is rejected (required; the engineer reads it)."),
                                         QStringLiteral("TEXT"))},
                     &OperatorCommands::managerReject));
    catalog.add(spec(QStringLiteral("withdraw"),
                     {QStringLiteral("REF")},
                     QStringLiteral("[--comment TEXT]"),
                     tr("Withdraw your own undecided request (Support engineers)."),
                     {comment},
                     &OperatorCommands::withdraw));
    catalog.add(spec(QStringLiteral("answer"),
                     {QStringLiteral("REF")},
                     QStringLiteral("--text ANSWER"),
                     tr("Answer the approver's open question on your own pending request (Support engineers)."),
                     {QCommandLineOption(QStringLiteral("text"), tr("The answer."), QStringLiteral("ANSWER"))},
                     &OperatorCommands::answer));
    catalog.add(
        spec(QStringLiteral("access-check"),
             {},
             QStringLiteral("--engineer PRINCIPAL --for TENANT"),
             tr("Whether an engineer may touch a tenant's content now: exit code 0 if so, 2 if not."),
             {QCommandLineOption(QStringLiteral("engineer"), tr("The engineer to check."), QStringLiteral("PRINCIPAL")),
              forTenant},
             &OperatorCommands::accessCheck));
}

ExitCode OperatorCommands::file(CommandContext& context, const CommandArguments& arguments)
{
    const QString absent = missing(arguments,
                                   {QStringLiteral("for"),
                                    QStringLiteral("workload"),
                                    QStringLiteral("ticket"),
                                    QStringLiteral("reason"),
                                    QStringLiteral("scope"),
                                    QStringLiteral("duration")});
    if (!absent.isEmpty())
        return context.usage(tr("operator file also needs %1.").arg(absent));
    NewRequest wanted;
    if (!workloads::fromKey(arguments.value(QStringLiteral("workload")).trimmed(), &wanted.workload))
        return context.usage(tr("--workload takes one of %1; \"%2\" is not one.")
                                 .arg(workloadList(), arguments.value(QStringLiteral("workload"))));
    Result<int> duration = arguments.integer(QStringLiteral("duration"), 0);
    if (!duration)
        return context.usage(duration.error().message());
    wanted.tenantId = arguments.value(QStringLiteral("for")).trimmed();
    wanted.serviceRequest = arguments.value(QStringLiteral("ticket"));
    wanted.reason = arguments.value(QStringLiteral("reason"));
    wanted.scope = arguments.value(QStringLiteral("scope"));
    wanted.durationMinutes = *duration;

    Result<AccessRequest> filed = context.store().fileRequest(context.actor(), wanted).result();
    if (!filed)
        return context.fail(filed.error());
    if (context.json()) {
        context.printJson(RequestJson::toJson(*filed));
        return ExitCode::Success;
    }
    context.out() << tr("Filed %1 for %2.").arg(filed->reference, filed->tenantId) << '\n';
    RequestCommands::printOutcome(context, *filed);
    return ExitCode::Success;
}

ExitCode OperatorCommands::managerApprove(CommandContext& context, const CommandArguments& arguments)
{
    return RequestCommands::perform(
        context, arguments.positional(0), Action::ManagerApprove, arguments.value(QStringLiteral("comment")));
}

ExitCode OperatorCommands::managerReject(CommandContext& context, const CommandArguments& arguments)
{
    const QString reason = arguments.value(QStringLiteral("reason"));
    if (Lifecycle::reasonRequired(Action::ManagerReject) && reason.trimmed().isEmpty())
        return context.usage(tr("operator manager-reject needs --reason TEXT: the engineer is told why."));
    return RequestCommands::perform(context, arguments.positional(0), Action::ManagerReject, reason);
}

ExitCode OperatorCommands::withdraw(CommandContext& context, const CommandArguments& arguments)
{
    return RequestCommands::perform(
        context, arguments.positional(0), Action::Withdraw, arguments.value(QStringLiteral("comment")));
}

ExitCode OperatorCommands::answer(CommandContext& context, const CommandArguments& arguments)
{
    const QString text = arguments.value(QStringLiteral("text"));
    if (Lifecycle::reasonRequired(Action::Answer) && text.trimmed().isEmpty())
        return context.usage(tr("operator answer needs --text ANSWER."));
    return RequestCommands::perform(context, arguments.positional(0), Action::Answer, text);
}

ExitCode OperatorCommands::accessCheck(CommandContext& context, const CommandArguments& arguments)
{
    const QString absent = missing(arguments, {QStringLiteral("engineer"), QStringLiteral("for")});
    if (!absent.isEmpty())
        return context.usage(tr("operator access-check also needs %1.").arg(absent));
    const QString engineer = arguments.value(QStringLiteral("engineer")).trimmed();
    const QString tenant = arguments.value(QStringLiteral("for")).trimmed();
    Result<AccessCheck> check = context.store().checkAccess(context.actor(), engineer, tenant).result();
    if (!check)
        return context.fail(check.error());

    // Scripts ask "may they?" through the exit code: no access is Lockbox's rules saying no.
    const ExitCode code = check->allowed ? ExitCode::Success : ExitCode::Refused;
    if (context.json()) {
        context.printJson(TenantJson::toJson(*check));
        return code;
    }
    if (check->allowed) {
        // The reference reads better than the id, when the actor may see the request.
        Result<AccessRequest> grant = context.store().request(context.actor(), check->requestId).result();
        context.out() << tr("Allowed: %1 may access %2's content until %3 (request %4).")
                             .arg(engineer,
                                  tenant,
                                  DisplayFormat::time(check->until),
                                  grant ? grant->reference : check->requestId)
                      << '\n';
    } else {
        context.out() << tr("Denied: %1").arg(check->reason) << '\n';
    }
    return code;
}

} // namespace lockbox
