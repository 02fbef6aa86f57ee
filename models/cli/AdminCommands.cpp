#include "AdminCommands.h"

#include "CommandArguments.h"
#include "CommandCatalog.h"
#include "CommandContext.h"
#include "DisplayFormat.h"
#include "TablePrinter.h"
#include "store/Store.h"
#include "json/TenantJson.h"

#include <QTextStream>

namespace lockbox {

namespace {

struct RoleName
{
    const char* name;
    Role role;
};

// The words `roles add --role` takes, for the customer roles a tenant can assign.
constexpr RoleName customerRoleNames[] = {
    {"admin", Role::GlobalAdministrator},
    {"approver", Role::LockboxApprover},
    {"reader", Role::Reader},
};

} // namespace

void AdminCommands::addTo(CommandCatalog& catalog)
{
    catalog.add(CommandSpec {{QStringLiteral("settings"), QStringLiteral("get")},
                             {},
                             {},
                             tr("Show the tenant's lockbox policy."),
                             {},
                             CommandSpec::Needs::Actor,
                             {},
                             &AdminCommands::settingsGet});
    catalog.add(CommandSpec {{QStringLiteral("settings"), QStringLiteral("set")},
                             {},
                             QStringLiteral("[--require-approval on|off] [--approvals N] [--backup-approvers "
                                            "P1,P2|none] [--escalation-lead MINUTES]"),
                             tr("Change the tenant's lockbox policy (Global administrators)."),
                             {QCommandLineOption(QStringLiteral("require-approval"),
                                                 tr("\"Require approval for all data access requests\": on or off."),
                                                 QStringLiteral("on|off")),
                              QCommandLineOption(QStringLiteral("approvals"),
                                                 tr("Distinct approvers needed before a request is approved (1 to 3)."),
                                                 QStringLiteral("N")),
                              QCommandLineOption(QStringLiteral("backup-approvers"),
                                                 tr("Who takes over a request still undecided at the escalation time: "
                                                    "sign-in names separated by commas, or none."),
                                                 QStringLiteral("LIST")),
                              QCommandLineOption(QStringLiteral("escalation-lead"),
                                                 tr("How many minutes before expiry an undecided request is escalated "
                                                    "(%1 to %2).")
                                                     .arg(TenantSettings::minEscalationLeadMinutes)
                                                     .arg(TenantSettings::maxEscalationLeadMinutes),
                                                 QStringLiteral("MINUTES"))},
                             CommandSpec::Needs::Actor,
                             {},
                             &AdminCommands::settingsSet,
                             true});
    catalog.add(CommandSpec {{QStringLiteral("roles"), QStringLiteral("list")},
                             {},
                             {},
                             tr("List who holds which role in the tenant."),
                             {},
                             CommandSpec::Needs::Actor,
                             {},
                             &AdminCommands::rolesList});
    catalog.add(CommandSpec {
        {QStringLiteral("roles"), QStringLiteral("add")},
        {QStringLiteral("PRINCIPAL")},
        QStringLiteral("--role admin|approver|reader [--name \"Display Name\"]"),
        tr("Give a person a role in the tenant, or change theirs (Global administrators)."),
        {QCommandLineOption(QStringLiteral("role"),
                            tr("admin (Global administrator), approver (Lockbox access approver) or reader."),
                            QStringLiteral("ROLE")),
         QCommandLineOption(QStringLiteral("name"), tr("The person's display name."), QStringLiteral("NAME"))},
        CommandSpec::Needs::Actor,
        {},
        &AdminCommands::rolesAdd,
        true});
    catalog.add(CommandSpec {{QStringLiteral("roles"), QStringLiteral("remove")},
                             {QStringLiteral("PRINCIPAL")},
                             {},
                             tr("Take a person's role in the tenant away (Global administrators)."),
                             {},
                             CommandSpec::Needs::Actor,
                             {},
                             &AdminCommands::rolesRemove,
                             true});
}

void AdminCommands::printSettings(CommandContext& context, const TenantSettings& settings)
{
    if (context.json()) {
        context.printJson(TenantJson::toJson(settings));
        return;
    }
    QTextStream& out = context.out();
    out << tr("Tenant: %1").arg(settings.tenantId) << '\n';
    out << tr("Name: %1").arg(settings.displayName) << '\n';
    out << tr("Require approval for all data access requests: %1").arg(DisplayFormat::onOff(settings.requireApproval))
        << '\n';
    out << tr("Approvals required: %1").arg(settings.approvalsRequired) << '\n';
    out << tr("Backup approvers: %1")
               .arg(settings.backupApprovers.isEmpty() ? DisplayFormat::none()
                                                       : settings.backupApprovers.join(QStringLiteral(", ")))
        << '\n';
    out << tr("Escalation lead time: %1").arg(DisplayFormat::minutes(settings.escalationLeadMinutes)) << '\n';
    out << tr("Changed by: %1").arg(DisplayFormat::orNone(settings.changedBy)) << '\n';
    out << tr("Changed at: %1").arg(DisplayFormat::time(settings.changedAt)) << '\n';
}

void AdminCommands::printRoles(CommandContext& context, const QList<RoleAssignment>& assignments)
{
    if (context.json()) {
        context.printJson(QJsonObject {{QStringLiteral("tenant"), context.actor().tenantId},
                                       {QStringLiteral("roles"), TenantJson::toJson(assignments)}});
        return;
    }
    TablePrinter table({tr("Principal"), tr("Name"), tr("Role"), tr("Assigned by"), tr("Assigned at (UTC)")});
    for (const RoleAssignment& assignment : assignments)
        table.addRow({assignment.principal,
                      assignment.displayName,
                      roles::displayName(assignment.role),
                      DisplayFormat::orNone(assignment.assignedBy),
                      DisplayFormat::minute(assignment.assignedAt)});
    table.print(context.out());
}

ExitCode AdminCommands::settingsGet(CommandContext& context, const CommandArguments&)
{
    Result<TenantSettings> settings = context.store().settings(context.actor()).result();
    if (!settings)
        return context.fail(settings.error());
    printSettings(context, *settings);
    return ExitCode::Success;
}

ExitCode AdminCommands::settingsSet(CommandContext& context, const CommandArguments& arguments)
{
    const bool changeRequire = arguments.isSet(QStringLiteral("require-approval"));
    const bool changeApprovals = arguments.isSet(QStringLiteral("approvals"));
    const bool changeBackups = arguments.isSet(QStringLiteral("backup-approvers"));
    const bool changeLead = arguments.isSet(QStringLiteral("escalation-lead"));
    if (!changeRequire && !changeApprovals && !changeBackups && !changeLead)
        return context.usage(tr("settings set needs at least one of --require-approval on|off, --approvals N, "
                                "--backup-approvers LIST and --escalation-lead MINUTES."));
    Result<bool> require = changeRequire ? arguments.onOff(QStringLiteral("require-approval")) : Result<bool>(true);
    if (!require)
        return context.usage(require.error().message());
    Result<int> approvals = arguments.integer(QStringLiteral("approvals"), 0);
    if (!approvals)
        return context.usage(approvals.error().message());
    Result<int> lead = arguments.integer(QStringLiteral("escalation-lead"), 0);
    if (!lead)
        return context.usage(lead.error().message());

    Store& store = context.store();
    Result<TenantSettings> current = store.settings(context.actor()).result();
    if (!current)
        return context.fail(current.error());
    TenantSettings wanted = *current;
    if (changeRequire)
        wanted.requireApproval = *require;
    if (changeApprovals)
        wanted.approvalsRequired = *approvals;
    if (changeBackups) {
        const QString list = arguments.value(QStringLiteral("backup-approvers")).trimmed();
        wanted.backupApprovers = list.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0
            ? QStringList()
            : list.split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    if (changeLead)
        wanted.escalationLeadMinutes = *lead;
    Result<TenantSettings> updated = store.updateSettings(context.actor(), wanted).result();
    if (!updated)
        return context.fail(updated.error());
    printSettings(context, *updated);
    return ExitCode::Success;
}

ExitCode AdminCommands::rolesList(CommandContext& context, const CommandArguments&)
{
    Result<QList<RoleAssignment>> assignments = context.store().roleAssignments(context.actor()).result();
    if (!assignments)
        return context.fail(assignments.error());
    printRoles(context, *assignments);
    return ExitCode::Success;
}

ExitCode AdminCommands::rolesAdd(CommandContext& context, const CommandArguments& arguments)
{
    const QString roleName = arguments.value(QStringLiteral("role")).trimmed().toLower();
    if (roleName.isEmpty())
        return context.usage(tr("roles add needs --role admin|approver|reader."));
    const auto found
        = std::find_if(std::cbegin(customerRoleNames), std::cend(customerRoleNames), [&](const RoleName& candidate) {
              return roleName == QLatin1String(candidate.name);
          });
    if (found == std::cend(customerRoleNames))
        return context.usage(tr("--role takes admin, approver or reader; \"%1\" is none of them.").arg(roleName));

    const RoleAssignment assignment {
        context.actor().tenantId, arguments.positional(0), arguments.value(QStringLiteral("name")), found->role};
    Result<QList<RoleAssignment>> after = context.store().setRole(context.actor(), assignment).result();
    if (!after)
        return context.fail(after.error());
    if (!context.json())
        context.out() << tr("%1 is now a %2 in %3.")
                             .arg(assignment.principal, roles::displayName(assignment.role), context.actor().tenantId)
                      << "\n\n";
    printRoles(context, *after);
    return ExitCode::Success;
}

ExitCode AdminCommands::rolesRemove(CommandContext& context, const CommandArguments& arguments)
{
    const RoleAssignment assignment {context.actor().tenantId, arguments.positional(0), {}, Role::None};
    Result<QList<RoleAssignment>> after = context.store().setRole(context.actor(), assignment).result();
    if (!after)
        return context.fail(after.error());
    if (!context.json())
        context.out() << tr("%1 no longer holds a role in %2.").arg(assignment.principal, context.actor().tenantId)
                      << "\n\n";
    printRoles(context, *after);
    return ExitCode::Success;
}

} // namespace lockbox
