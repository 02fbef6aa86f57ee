#include "SessionCommands.h"

#include "CommandCatalog.h"
#include "CommandContext.h"
#include "DisplayFormat.h"
#include "store/RemoteStore.h"
#include "json/ServiceJson.h"

#include <QTextStream>

namespace lockbox {

void SessionCommands::addTo(CommandCatalog& catalog)
{
    catalog.add(CommandSpec {{QStringLiteral("login")},
                             {},
                             QStringLiteral("--url URL --as PRINCIPAL --tenant TENANT [--code CODE]"),
                             tr("Sign in to a Lockbox service and print the token, for %1 (valid %2 minutes).")
                                 .arg(CtlOptions::tokenVariable)
                                 .arg(AuthSession::tokenLifetimeMinutes),
                             {},
                             CommandSpec::Needs::Service,
                             {},
                             &SessionCommands::login});
    catalog.add(CommandSpec {{QStringLiteral("logout")},
                             {},
                             QStringLiteral("--url URL"),
                             tr("End the session of the token in %1: it stops working.").arg(CtlOptions::tokenVariable),
                             {},
                             CommandSpec::Needs::Service,
                             {},
                             &SessionCommands::logout});
}

ExitCode SessionCommands::login(CommandContext& context, const CommandArguments&)
{
    const CtlOptions& options = context.options();
    if (options.principal.isEmpty())
        return context.usage(tr("Say who signs in: pass --as PRINCIPAL or set %1 (e.g. megan.bowen@contoso.com).")
                                 .arg(CtlOptions::userVariable));
    if (options.tenantId.isEmpty())
        return context.usage(tr("Say which tenant you sign in to: pass --tenant TENANT or set %1 (operator staff use "
                                "\"operator\").")
                                 .arg(CtlOptions::tenantVariable));
    Result<AuthSession> session = context.signInWithPassword();
    if (!session)
        return context.fail(session.error());
    if (context.json()) {
        context.printJson(ServiceJson::toJson(*session, true));
        return ExitCode::Success;
    }
    // The token alone on stdout, so that `export LOCKBOX_TOKEN=$(lockboxctl login ...)` works.
    context.out() << session->token << '\n';
    context.out().flush();
    context.progress(tr("Signed in to %1 as %2 (%3) in %4 until %5. Set %6 to the token to use it.")
                         .arg(context.store().location(),
                              session->actor.principal,
                              roles::displayName(session->actor.role),
                              session->actor.tenantId,
                              DisplayFormat::time(session->expiresAt),
                              CtlOptions::tokenVariable));
    return ExitCode::Success;
}

ExitCode SessionCommands::logout(CommandContext& context, const CommandArguments&)
{
    if (context.options().token.isEmpty())
        return context.usage(
            tr("logout ends the session of the token in %1, and it is not set.").arg(CtlOptions::tokenVariable));
    Result<Store*> opened = context.open();
    if (!opened)
        return context.fail(opened.error());
    RemoteStore* remote = context.remoteStore();
    remote->setToken(context.options().token);
    if (Status ended = remote->signOut().result(); !ended)
        return context.fail(ended.error());
    if (context.json())
        context.printJson(QJsonObject {{QStringLiteral("signedOut"), true}});
    else
        context.out() << tr("Signed out of %1: the token no longer works.").arg(remote->location()) << '\n';
    return ExitCode::Success;
}

} // namespace lockbox
