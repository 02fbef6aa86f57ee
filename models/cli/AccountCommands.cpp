#include "AccountCommands.h"

#include "CommandArguments.h"
#include "CommandCatalog.h"
#include "CommandContext.h"
#include "PasswordPrompt.h"
#include "accounts/QrCode.h"
#include "store/SqlStore.h"
#include "json/ServiceJson.h"

#include <QJsonObject>

namespace lockbox {

namespace {

QCommandLineOption passwordStdinOption()
{
    return QCommandLineOption(QStringLiteral("password-stdin"),
                              QCoreApplication::translate("lockbox::AccountCommands",
                                                          "Read the password from the first line of standard input "
                                                          "(else from LOCKBOX_PASSWORD, else a prompt)."));
}

// Accounts live in the store's own database: a remote store has no such command.
Result<SqlStore*> openSqlStore(CommandContext& context)
{
    Result<Store*> store = context.open(CommandContext::Opening::Existing);
    if (!store)
        return store.error();
    auto* sql = qobject_cast<SqlStore*>(*store);
    if (!sql)
        return Error(Error::Code::InvalidInput,
                     QCoreApplication::translate("lockbox::AccountCommands",
                                                 "Accounts are managed on the service's database: give --store the "
                                                 "SQLite file or postgresql:// URL that lockboxd uses."));
    return sql;
}

QString tenantOf(const CommandContext& context)
{
    return context.options().tenantId.trimmed();
}

} // namespace

void AccountCommands::addTo(CommandCatalog& catalog)
{
    catalog.add(CommandSpec {{QStringLiteral("account"), QStringLiteral("add")},
                             {QStringLiteral("USER")},
                             QStringLiteral("--tenant TENANT [--password-stdin]"),
                             tr("Add an account for signing in to lockboxd (the person also needs a role)."),
                             {passwordStdinOption()},
                             CommandSpec::Needs::Store,
                             {},
                             &AccountCommands::add});
    catalog.add(CommandSpec {{QStringLiteral("account"), QStringLiteral("reset")},
                             {QStringLiteral("USER")},
                             QStringLiteral("--tenant TENANT [--password] [--password-stdin] [--mfa]"),
                             tr("Set a new password and/or remove the authenticator app; unlocks the account and ends "
                                "its sessions."),
                             {QCommandLineOption(QStringLiteral("password"), tr("Set a new password.")),
                              passwordStdinOption(),
                              QCommandLineOption(QStringLiteral("mfa"), tr("Remove the enrolled authenticator app."))},
                             CommandSpec::Needs::Store,
                             {},
                             &AccountCommands::reset});
    catalog.add(CommandSpec {{QStringLiteral("account"), QStringLiteral("enrol-mfa")},
                             {QStringLiteral("USER")},
                             QStringLiteral("--tenant TENANT"),
                             tr("Enrol an authenticator app for the account: prints the otpauth URI and a QR code."),
                             {},
                             CommandSpec::Needs::Store,
                             {},
                             &AccountCommands::enrolMfa});
}

ExitCode AccountCommands::add(CommandContext& context, const CommandArguments& arguments)
{
    const QString tenant = tenantOf(context);
    if (tenant.isEmpty())
        return context.usage(tr("account add needs --tenant (\"operator\" for the operator's staff)."));
    Result<QString> password
        = PasswordPrompt::read(arguments.isSet(QStringLiteral("password-stdin")), tr("Password: "));
    if (!password)
        return context.fail(password.error());
    Result<SqlStore*> store = openSqlStore(context);
    if (!store)
        return context.fail(store.error());
    const QString user = arguments.positional(0).trimmed().toLower();
    if (Status added = (*store)->addAccount(tenant, user, *password).result(); !added)
        return context.fail(added.error());
    if (context.json())
        context.printJson(QJsonObject {{QStringLiteral("tenant"), tenant}, {QStringLiteral("user"), user}});
    else
        context.out() << tr("Added the account %1 in %2. It signs in once it holds a role there.").arg(user, tenant)
                      << '\n';
    return ExitCode::Success;
}

ExitCode AccountCommands::reset(CommandContext& context, const CommandArguments& arguments)
{
    const QString tenant = tenantOf(context);
    if (tenant.isEmpty())
        return context.usage(tr("account reset needs --tenant."));
    const bool newPassword
        = arguments.isSet(QStringLiteral("password")) || arguments.isSet(QStringLiteral("password-stdin"));
    const bool mfa = arguments.isSet(QStringLiteral("mfa"));
    if (!newPassword && !mfa)
        return context.usage(tr("account reset needs --password (or --password-stdin), --mfa, or both."));
    std::optional<QString> password;
    if (newPassword) {
        Result<QString> read
            = PasswordPrompt::read(arguments.isSet(QStringLiteral("password-stdin")), tr("New password: "));
        if (!read)
            return context.fail(read.error());
        password = *read;
    }
    Result<SqlStore*> store = openSqlStore(context);
    if (!store)
        return context.fail(store.error());
    const QString user = arguments.positional(0).trimmed().toLower();
    if (Status reset = (*store)->resetAccount(tenant, user, password, mfa).result(); !reset)
        return context.fail(reset.error());
    if (context.json())
        context.printJson(QJsonObject {{QStringLiteral("tenant"), tenant},
                                       {QStringLiteral("user"), user},
                                       {QStringLiteral("password"), newPassword},
                                       {QStringLiteral("mfa"), mfa}});
    else
        context.out() << tr("Reset the account %1 in %2: it is unlocked and signed out everywhere.").arg(user, tenant)
                      << '\n';
    return ExitCode::Success;
}

ExitCode AccountCommands::enrolMfa(CommandContext& context, const CommandArguments& arguments)
{
    const QString tenant = tenantOf(context);
    if (tenant.isEmpty())
        return context.usage(tr("account enrol-mfa needs --tenant."));
    Result<SqlStore*> store = openSqlStore(context);
    if (!store)
        return context.fail(store.error());
    const QString user = arguments.positional(0).trimmed().toLower();
    Result<MfaEnrolment> enrolment = (*store)->enrolMfa(tenant, user).result();
    if (!enrolment)
        return context.fail(enrolment.error());
    if (context.json()) {
        context.printJson(ServiceJson::toJson(*enrolment));
        return ExitCode::Success;
    }
    context.out() << tr("Scan this code with the authenticator app of %1, or enter the secret by hand.").arg(user)
                  << "\n\n"
                  << QrCode::encode(enrolment->uri).toText() << '\n'
                  << tr("Secret: %1").arg(enrolment->secret) << '\n'
                  << tr("URI:    %1").arg(enrolment->uri) << '\n';
    return ExitCode::Success;
}

} // namespace lockbox
