#include "ProvisioningCommands.h"

#include "CommandArguments.h"
#include "CommandCatalog.h"
#include "CommandContext.h"
#include "TablePrinter.h"
#include "seed/LargeStoreGenerator.h"
#include "seed/SeedGenerator.h"
#include "store/SqlDialect.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTextStream>

namespace lockbox {

namespace {

struct StaffRoleName
{
    const char* name;
    Role role;
};

constexpr StaffRoleName staffRoleNames[] = {
    {"engineer", Role::SupportEngineer},
    {"manager", Role::SupportManager},
};

// A path as a POSIX shell reads it back, for the "export LOCKBOX_STORE=..." hint.
QString shellQuoted(const QString& text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./@:+-]+$"));
    if (plain.match(text).hasMatch())
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString seconds(qint64 milliseconds)
{
    return QString::number(double(milliseconds) / 1000.0, 'f', 1);
}

} // namespace

void ProvisioningCommands::addTo(CommandCatalog& catalog)
{
    catalog.add(CommandSpec {{QStringLiteral("seed"), QStringLiteral("demo")},
                             {},
                             {},
                             tr("Create the training demo store at --store (refuses an existing file): 30 days of "
                                "realistic history, and requests waiting for a decision."),
                             {},
                             CommandSpec::Needs::Store,
                             {},
                             &ProvisioningCommands::seedDemo});
    catalog.add(CommandSpec {
        {QStringLiteral("seed"), QStringLiteral("large")},
        {},
        QStringLiteral("[--count N]"),
        tr("Create a benchmark store at --store with N requests (default 1000000); progress on stderr."),
        {QCommandLineOption(QStringLiteral("count"), tr("How many requests (default 1000000)."), QStringLiteral("N"))},
        CommandSpec::Needs::Store,
        {},
        &ProvisioningCommands::seedLarge});
    catalog.add(CommandSpec {
        {QStringLiteral("tenant"), QStringLiteral("add")},
        {QStringLiteral("TENANT")},
        QStringLiteral("--name NAME --admin PRINCIPAL"),
        tr("Add a customer tenant with its first Global administrator (creates the store file if needed)."),
        {QCommandLineOption(QStringLiteral("name"), tr("The organisation's display name."), QStringLiteral("NAME")),
         QCommandLineOption(QStringLiteral("admin"),
                            tr("The first Global administrator's sign-in name."),
                            QStringLiteral("PRINCIPAL"))},
        CommandSpec::Needs::Store,
        {},
        &ProvisioningCommands::tenantAdd});
    catalog.add(CommandSpec {
        {QStringLiteral("staff"), QStringLiteral("add")},
        {QStringLiteral("PRINCIPAL")},
        QStringLiteral("--role engineer|manager [--name NAME]"),
        tr("Add a member of the operator's staff: a Support engineer or a Support manager."),
        {QCommandLineOption(QStringLiteral("role"), tr("engineer or manager."), QStringLiteral("ROLE")),
         QCommandLineOption(QStringLiteral("name"), tr("The person's display name."), QStringLiteral("NAME"))},
        CommandSpec::Needs::Store,
        {},
        &ProvisioningCommands::staffAdd});
}

ExitCode ProvisioningCommands::seedDemo(CommandContext& context, const CommandArguments&)
{
    const QString path = QFileInfo(context.options().storePath).absoluteFilePath();
    SeedGenerator::Options options;
    options.end = context.now();
    context.progress(tr("Creating the training demo store: %1 days of history...").arg(options.days));
    Result<int> filed = SeedGenerator::createDemoStore(path, options);
    if (!filed)
        return context.fail(filed.error());

    struct Person
    {
        QString tenant;
        QString principal;
        QString name;
        Role role;
    };
    QList<Person> people;
    const DemoCast cast = DemoCast::standard();
    for (const DemoCast::Tenant& tenant : cast.tenants) {
        people.append(
            {tenant.id, tenant.globalAdmin.principal, tenant.globalAdmin.displayName, Role::GlobalAdministrator});
        for (const auto& [list, role] : {std::pair {tenant.otherGlobalAdmins, Role::GlobalAdministrator},
                                         std::pair {tenant.approvers, Role::LockboxApprover},
                                         std::pair {tenant.readers, Role::Reader}}) {
            for (const DemoCast::Person& person : list)
                people.append({tenant.id, person.principal, person.displayName, role});
        }
    }
    for (const auto& [list, role] :
         {std::pair {cast.engineers, Role::SupportEngineer}, std::pair {cast.managers, Role::SupportManager}}) {
        for (const DemoCast::Person& person : list)
            people.append({operatorTenantId, person.principal, person.displayName, role});
    }

    if (context.json()) {
        QJsonArray signIn;
        for (const Person& person : std::as_const(people))
            signIn.append(QJsonObject {{QStringLiteral("tenant"), person.tenant},
                                       {QStringLiteral("principal"), person.principal},
                                       {QStringLiteral("displayName"), person.name},
                                       {QStringLiteral("role"), roles::key(person.role)}});
        context.printJson(QJsonObject {{QStringLiteral("store"), path},
                                       {QStringLiteral("requests"), *filed},
                                       {QStringLiteral("signInAs"), signIn}});
        return ExitCode::Success;
    }
    QTextStream& out = context.out();
    out << tr("Created the training demo store %1: %2 requests over the last %3 days.")
               .arg(path)
               .arg(*filed)
               .arg(options.days)
        << "\n\n";
    out << tr("Sign in as one of these people (--as PRINCIPAL --tenant TENANT):") << '\n';
    TablePrinter table({tr("Tenant"), tr("Principal"), tr("Name"), tr("Role")});
    table.setIndent(2);
    for (const Person& person : std::as_const(people))
        table.addRow({person.tenant, person.principal, person.name, roles::displayName(person.role)});
    table.print(out);
    const DemoCast::Tenant& first = cast.tenants.constFirst();
    out << '\n' << tr("For example:") << '\n';
    out << QStringLiteral("  export %1=%2 %3=%4 %5=%6")
               .arg(CtlOptions::storeVariable,
                    shellQuoted(path),
                    CtlOptions::userVariable,
                    first.globalAdmin.principal,
                    CtlOptions::tenantVariable,
                    first.id)
        << '\n';
    out << QStringLiteral("  lockboxctl list --status pending") << '\n';
    return ExitCode::Success;
}

ExitCode ProvisioningCommands::seedLarge(CommandContext& context, const CommandArguments& arguments)
{
    Result<int> count = arguments.integer(QStringLiteral("count"), 1'000'000);
    if (!count)
        return context.usage(count.error().message());
    // A PostgreSQL URL goes through as it is, for the generator to refuse in its own words.
    const QString& store = context.options().storePath;
    const QString path = SqlDialect::isServerUrl(store) ? store : QFileInfo(store).absoluteFilePath();
    LargeStoreGenerator::Options options;
    options.requests = *count;
    options.now = context.now();

    QElapsedTimer timer;
    timer.start();
    const qint64 total = std::max<qint64>(1, options.requests);
    Result<qint64> written = LargeStoreGenerator::generate(path, options, [&](qint64 done) {
        // The generator says -1 once the rows are in and it builds the indexes, the long last step.
        if (done < 0)
            context.progress(tr("Building the indexes... (%1 s)").arg(seconds(timer.elapsed())));
        else
            context.progress(tr("%1 of %2 requests written (%3%, %4 s)")
                                 .arg(done)
                                 .arg(options.requests)
                                 .arg(done * 100 / total)
                                 .arg(seconds(timer.elapsed())));
    });
    if (!written)
        return context.fail(written.error());
    const qint64 elapsed = timer.elapsed();
    const DemoCast::Tenant first = DemoCast::standard().tenants.constFirst();
    if (context.json()) {
        context.printJson(QJsonObject {{QStringLiteral("store"), path},
                                       {QStringLiteral("requests"), *written},
                                       {QStringLiteral("elapsedSeconds"), double(elapsed) / 1000.0}});
        return ExitCode::Success;
    }
    context.out()
        << tr("Created the benchmark store %1: %2 requests in %3 s.").arg(path).arg(*written).arg(seconds(elapsed))
        << '\n';
    context.out()
        << tr("Most of them belong to %1: sign in as %2 to see them.").arg(first.id, first.globalAdmin.principal)
        << '\n';
    return ExitCode::Success;
}

ExitCode ProvisioningCommands::tenantAdd(CommandContext& context, const CommandArguments& arguments)
{
    if (!arguments.isSet(QStringLiteral("name")) || !arguments.isSet(QStringLiteral("admin")))
        return context.usage(tr("tenant add needs --name NAME and --admin PRINCIPAL."));
    Result<Store*> store = context.open(CommandContext::Opening::CreateIfMissing);
    if (!store)
        return context.fail(store.error());
    TenantSettings tenant;
    tenant.tenantId = arguments.positional(0).trimmed();
    tenant.displayName = arguments.value(QStringLiteral("name")).trimmed();
    const RoleAssignment admin {
        tenant.tenantId, arguments.value(QStringLiteral("admin")).trimmed(), {}, Role::GlobalAdministrator};
    if (Status created = (*store)->createTenant(tenant, admin).result(); !created)
        return context.fail(created.error());
    if (context.json())
        context.printJson(QJsonObject {{QStringLiteral("tenant"), tenant.tenantId},
                                       {QStringLiteral("displayName"), tenant.displayName},
                                       {QStringLiteral("admin"), admin.principal}});
    else
        context.out() << tr("Created tenant %1 (%2) with %3 as its Global administrator.")
                             .arg(tenant.tenantId, tenant.displayName, admin.principal)
                      << '\n';
    return ExitCode::Success;
}

ExitCode ProvisioningCommands::staffAdd(CommandContext& context, const CommandArguments& arguments)
{
    const QString roleName = arguments.value(QStringLiteral("role")).trimmed().toLower();
    if (roleName.isEmpty())
        return context.usage(tr("staff add needs --role engineer|manager."));
    const auto found
        = std::find_if(std::cbegin(staffRoleNames), std::cend(staffRoleNames), [&](const StaffRoleName& candidate) {
              return roleName == QLatin1String(candidate.name);
          });
    if (found == std::cend(staffRoleNames))
        return context.usage(tr("--role takes engineer or manager; \"%1\" is neither.").arg(roleName));
    Result<Store*> store = context.open(CommandContext::Opening::CreateIfMissing);
    if (!store)
        return context.fail(store.error());
    const RoleAssignment staff {operatorTenantId,
                                arguments.positional(0).trimmed(),
                                arguments.value(QStringLiteral("name")).trimmed(),
                                found->role};
    if (Status added = (*store)->addOperatorStaff(staff).result(); !added)
        return context.fail(added.error());
    if (context.json())
        context.printJson(QJsonObject {{QStringLiteral("tenant"), operatorTenantId},
                                       {QStringLiteral("principal"), staff.principal},
                                       {QStringLiteral("role"), roles::key(staff.role)}});
    else
        context.out() << tr("%1 is now a %2 on the operator's staff (tenant \"%3\").")
                             .arg(staff.principal, roles::displayName(staff.role), operatorTenantId)
                      << '\n';
    return ExitCode::Success;
}

} // namespace lockbox
