#include "CtlOptions.h"

#include "CommandArguments.h"
#include "PasswordPrompt.h"

#include <QUrl>
#include <algorithm>

namespace lockbox {

QList<QCommandLineOption> CtlOptions::globalOptions()
{
    return {
        QCommandLineOption(QStringLiteral("store"),
                           tr("The SQLite store file (default: $%1).").arg(storeVariable),
                           QStringLiteral("PATH")),
        QCommandLineOption(QStringLiteral("url"),
                           tr("A Lockbox service (lockboxd) to work through instead of a store, e.g. "
                              "https://lockbox.example:8443 (default: $%1).")
                               .arg(urlVariable),
                           QStringLiteral("URL")),
        QCommandLineOption(QStringLiteral("as"),
                           tr("Who you act as, e.g. megan.bowen@contoso.com (default: $%1).").arg(userVariable),
                           QStringLiteral("PRINCIPAL")),
        QCommandLineOption(
            QStringLiteral("tenant"),
            tr("The tenant you act in (default: $%1; operator staff use \"operator\").").arg(tenantVariable),
            QStringLiteral("TENANT")),
        QCommandLineOption(QStringLiteral("code"),
                           tr("With --url: the current code of your authenticator app, to sign in and for "
                              "decisions and changes (default: $%1).")
                               .arg(codeVariable),
                           QStringLiteral("CODE")),
        QCommandLineOption(QStringLiteral("password-stdin"),
                           tr("With --url: read the password from the first line of standard input (else $%1, else "
                              "a prompt).")
                               .arg(PasswordPrompt::variable)),
        QCommandLineOption(QStringLiteral("json"), tr("Machine-readable output: one JSON document on stdout.")),
        QCommandLineOption(QStringList {QStringLiteral("help"), QStringLiteral("h")}, tr("Show help.")),
    };
}

QList<QCommandLineOption> CtlOptions::globalOptionsBesides(const QList<QCommandLineOption>& commandOptions)
{
    QList<QCommandLineOption> options;
    for (const QCommandLineOption& global : globalOptions()) {
        const bool own
            = std::any_of(commandOptions.cbegin(), commandOptions.cend(), [&global](const QCommandLineOption& option) {
                  return option.names().contains(global.names().constFirst());
              });
        if (!own)
            options.append(global);
    }
    return options;
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
    options.principal = pick(QStringLiteral("as"), userVariable);
    options.tenantId = pick(QStringLiteral("tenant"), tenantVariable);
    if (options.tenantId.isEmpty())
        options.tenantId = spec.defaultTenant;
    options.oneTimeCode = pick(QStringLiteral("code"), codeVariable);
    options.token = environment.value(tokenVariable).trimmed();
    options.passwordFromStdin = arguments.isSet(QStringLiteral("password-stdin"));
    options.password = environment.value(PasswordPrompt::variable);
    options.keyFile = pick(QStringLiteral("key"), keyVariable);

    // A store or a service: the command line says which, else the environment does.
    const QString storeGiven = arguments.value(QStringLiteral("store")).trimmed();
    const QString urlGiven = arguments.value(QStringLiteral("url")).trimmed();
    if (!storeGiven.isEmpty() && !urlGiven.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Give --store (a store) or --url (a Lockbox service), not both."));
    if (!storeGiven.isEmpty()) {
        options.storePath = storeGiven;
    } else if (!urlGiven.isEmpty()) {
        options.serviceUrl = urlGiven;
    } else {
        options.storePath = environment.value(storeVariable).trimmed();
        const QString url = environment.value(urlVariable).trimmed();
        // Provisioning takes the store; for the rest, both set would leave the choice to chance.
        if (spec.needs == CommandSpec::Needs::Actor && !options.storePath.isEmpty() && !url.isEmpty())
            return Error(Error::Code::InvalidInput,
                         tr("Both %1 and %2 are set: pass --store or --url to say which to use.")
                             .arg(storeVariable, urlVariable));
        if (spec.needs == CommandSpec::Needs::Service || options.storePath.isEmpty())
            options.serviceUrl = url;
    }

    if (spec.needs == CommandSpec::Needs::Nothing)
        return options;
    if (options.remote()) {
        const QUrl url(options.serviceUrl, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
            || url.host().isEmpty())
            return Error(Error::Code::InvalidInput,
                         tr("--url takes the address of a Lockbox service, such as https://lockbox.example:8443; "
                            "\"%1\" is not one.")
                             .arg(options.serviceUrl));
    }
    if (spec.needs == CommandSpec::Needs::Service) {
        if (!options.remote())
            return Error(
                Error::Code::InvalidInput,
                tr("'%1' is about a Lockbox service: pass --url URL or set %2.").arg(spec.name(), urlVariable));
        return options;
    }
    if (spec.needs == CommandSpec::Needs::Store) {
        if (options.storePath.isEmpty() && options.remote())
            return Error(Error::Code::InvalidInput,
                         tr("'%1' works on the service's database, not through the service: give --store with the "
                            "SQLite file or postgresql:// URL that lockboxd uses.")
                             .arg(spec.name()));
        if (options.storePath.isEmpty())
            return Error(Error::Code::InvalidInput,
                         tr("Name the store file: pass --store PATH or set %1.").arg(storeVariable));
        return options;
    }
    if (!options.remote() && options.storePath.isEmpty())
        return Error(Error::Code::InvalidInput,
                     tr("Name the store file: pass --store PATH or set %1 (or work through a Lockbox service: "
                        "--url URL or %2).")
                         .arg(storeVariable, urlVariable));
    // A token says whose it is: then --as and --tenant, when given, are only checked against it.
    if (options.remote() && !options.token.isEmpty())
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
