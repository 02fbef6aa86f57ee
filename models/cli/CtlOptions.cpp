#include "CtlOptions.h"

#include "CommandArguments.h"

namespace lockbox {

QList<QCommandLineOption> CtlOptions::globalOptions()
{
    return {
        QCommandLineOption(QStringLiteral("store"),
                           tr("The SQLite store file (default: $%1).").arg(storeVariable),
                           QStringLiteral("PATH")),
        QCommandLineOption(QStringLiteral("as"),
                           tr("Who you act as, e.g. megan.bowen@contoso.com (default: $%1).").arg(userVariable),
                           QStringLiteral("PRINCIPAL")),
        QCommandLineOption(
            QStringLiteral("tenant"),
            tr("The tenant you act in (default: $%1; operator staff use \"operator\").").arg(tenantVariable),
            QStringLiteral("TENANT")),
        QCommandLineOption(QStringLiteral("json"), tr("Machine-readable output: one JSON document on stdout.")),
        QCommandLineOption(QStringList {QStringLiteral("help"), QStringLiteral("h")}, tr("Show help.")),
    };
}

Result<CtlOptions>
CtlOptions::resolve(const CommandArguments& arguments, const QProcessEnvironment& environment, const CommandSpec& spec)
{
    auto pick = [&](const QString& option, const QString& variable) {
        const QString given = arguments.value(option).trimmed();
        return given.isEmpty() ? environment.value(variable).trimmed() : given;
    };
    CtlOptions options;
    options.json = arguments.isSet(QStringLiteral("json"));
    options.storePath = pick(QStringLiteral("store"), storeVariable);
    options.principal = pick(QStringLiteral("as"), userVariable);
    options.tenantId = pick(QStringLiteral("tenant"), tenantVariable);
    if (options.tenantId.isEmpty())
        options.tenantId = spec.defaultTenant;

    if (spec.needs == CommandSpec::Needs::Nothing)
        return options;
    if (options.storePath.isEmpty())
        return Error(Error::Code::InvalidInput,
                     tr("Name the store file: pass --store PATH or set %1.").arg(storeVariable));
    if (spec.needs == CommandSpec::Needs::Store)
        return options;
    if (options.principal.isEmpty())
        return Error(
            Error::Code::InvalidInput,
            tr("Say who you act as: pass --as PRINCIPAL or set %1 (e.g. megan.bowen@contoso.com).").arg(userVariable));
    if (options.tenantId.isEmpty())
        return Error(Error::Code::InvalidInput,
                     tr("Say which tenant you act in: pass --tenant TENANT or set %1 (operator staff use "
                        "\"operator\").")
                         .arg(tenantVariable));
    return options;
}

} // namespace lockbox
