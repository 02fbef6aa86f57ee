#include "CommandCatalog.h"

#include "AccountCommands.h"
#include "AdminCommands.h"
#include "AuditCommands.h"
#include "CtlOptions.h"
#include "KeyCommands.h"
#include "OperatorCommands.h"
#include "PasswordPrompt.h"
#include "ProvisioningCommands.h"
#include "RequestCommands.h"
#include "SessionCommands.h"
#include "TablePrinter.h"
#include "accounts/AuthSession.h"

namespace lockbox {

namespace {

QString optionsTable(const QList<QCommandLineOption>& options)
{
    TablePrinter table;
    table.setIndent(2);
    for (const QCommandLineOption& option : options) {
        QStringList names;
        for (const QString& name : option.names())
            names.append(name.size() == 1 ? QStringLiteral("-") + name : QStringLiteral("--") + name);
        QString left = names.join(QStringLiteral(", "));
        if (!option.valueName().isEmpty())
            left += QLatin1Char(' ') + option.valueName();
        table.addRow({left, option.description()});
    }
    return table.toString();
}

} // namespace

CommandCatalog CommandCatalog::standard()
{
    CommandCatalog catalog;
    RequestCommands::addTo(catalog);
    AdminCommands::addTo(catalog);
    AuditCommands::addTo(catalog);
    OperatorCommands::addTo(catalog);
    ProvisioningCommands::addTo(catalog);
    AccountCommands::addTo(catalog);
    SessionCommands::addTo(catalog);
    KeyCommands::addTo(catalog);
    return catalog;
}

void CommandCatalog::add(CommandSpec spec)
{
    m_commands.append(std::move(spec));
}

const CommandSpec* CommandCatalog::find(const QStringList& words, qsizetype* used) const
{
    const CommandSpec* best = nullptr;
    for (const CommandSpec& spec : m_commands) {
        if (spec.words.size() > words.size() || (best && best->words.size() >= spec.words.size()))
            continue;
        if (std::equal(spec.words.cbegin(), spec.words.cend(), words.cbegin()))
            best = &spec;
    }
    if (best)
        *used = best->words.size();
    return best;
}

QStringList CommandCatalog::subcommands(const QString& group) const
{
    QStringList names;
    for (const CommandSpec& spec : m_commands) {
        if (spec.words.size() > 1 && spec.words.constFirst() == group)
            names.append(spec.words.at(1));
    }
    return names;
}

QString CommandCatalog::exitCodesText()
{
    TablePrinter table;
    table.setIndent(2);
    table.addRow({QString::number(int(ExitCode::Success)), tr("success")});
    table.addRow({QString::number(int(ExitCode::Usage)),
                  tr("usage error: unknown command or option, missing argument, malformed value")});
    table.addRow({QString::number(int(ExitCode::Refused)),
                  tr("refused by Lockbox's rules: not permitted, wrong state, already decided, expired, or "
                     "invalid input (also: access-check found no access)")});
    table.addRow({QString::number(int(ExitCode::NotFound)), tr("not found: no such request or tenant visible to you")});
    table.addRow({QString::number(int(ExitCode::StoreFailure)),
                  tr("store unavailable or failed: missing or unreadable file, database error, written by a "
                     "newer Lockbox, or a service that cannot be reached")});
    table.addRow({QString::number(int(ExitCode::IntegrityFailure)),
                  tr("audit integrity failure: the store's hash chain is broken, or verify-file found the file "
                     "edited, reordered or unreadable")});
    table.addRow({QString::number(int(ExitCode::SignInFailed)),
                  tr("sign-in failed: wrong user name or password, expired token, one-time code missing or "
                     "wrong, or too many failed attempts")});
    return table.toString();
}

QString CommandCatalog::helpText() const
{
    QString text;
    text += tr("Usage: lockboxctl [--store PATH | --url URL] [--as PRINCIPAL] [--tenant TENANT] [--json] COMMAND "
               "[ARGS]")
        + u'\n';
    text += u'\n';
    text += tr("Lockbox's command line over a local store (an SQLite file) or through a Lockbox service "
               "(lockboxd, --url): decide on data access requests, manage the tenant's policy and roles, export "
               "and verify the audit log, and act for the operator's staff.")
        + u'\n';
    text += u'\n';
    text += tr("Global options (before or after the command)") + u'\n';
    text += optionsTable(CtlOptions::globalOptions()
                         << QCommandLineOption(QStringLiteral("version"), tr("Show the version.")));
    text += u'\n';
    text += tr("Commands") + u'\n';
    for (const CommandSpec& spec : m_commands) {
        text += QStringLiteral("  ") + spec.usage() + u'\n';
        text += QStringLiteral("      ") + spec.summary + u'\n';
    }
    text += u'\n';
    text += tr("The provisioning commands (seed, tenant add, staff add) need only --store, the account commands "
               "--store and --tenant, and audit verify-file needs nothing; every other command needs --store (or "
               "--url), --as and --tenant (the operator commands act in tenant \"operator\" unless told "
               "otherwise). Run 'lockboxctl COMMAND --help' for a command's options.")
        + u'\n';
    text += u'\n';
    text += tr("Through a service (--url instead of --store), a command signs in as --as in --tenant with the "
               "password (--password-stdin, $%1 or a prompt) and --code when the account has an authenticator "
               "app, or with the token of an earlier 'lockboxctl login' in $%2 (then --as and --tenant may be "
               "left out). Decisions and changes (approve, deny, revoke, settings set, roles add/remove) need a "
               "one-time code from the last %3 minutes: pass --code, or they fail with exit code %4.")
                .arg(PasswordPrompt::variable, CtlOptions::tokenVariable)
                .arg(AuthSession::stepUpMinutes)
                .arg(int(ExitCode::SignInFailed))
        + u'\n';
    text += u'\n';
    text += tr("Exit codes") + u'\n';
    text += exitCodesText();
    text += u'\n';
    text += tr("Errors go to stderr as \"lockboxctl: <message>\"; with --json, stdout also carries "
               "{\"error\":{\"code\":...,\"message\":...}}.")
        + u'\n';
    text += u'\n';
    text += tr("Environment") + u'\n';
    TablePrinter environment;
    environment.setIndent(2);
    environment.addRow({CtlOptions::storeVariable, tr("the store file, when --store is not given")});
    environment.addRow({CtlOptions::userVariable, tr("who you act as, when --as is not given")});
    environment.addRow({CtlOptions::tenantVariable, tr("the tenant you act in, when --tenant is not given")});
    environment.addRow({CtlOptions::urlVariable, tr("the Lockbox service, when neither --url nor --store is given")});
    environment.addRow({CtlOptions::tokenVariable, tr("with a service: the token 'lockboxctl login' printed")});
    environment.addRow({CtlOptions::codeVariable, tr("with a service: the one-time code, when --code is not given")});
    environment.addRow(
        {PasswordPrompt::variable, tr("with a service: the password, when neither a token nor --password-stdin")});
    text += environment.toString();
    return text;
}

QString CommandCatalog::helpText(const CommandSpec& spec)
{
    QString text;
    text += tr("Usage: lockboxctl [global options] %1").arg(spec.usage()) + u'\n';
    text += u'\n';
    text += spec.summary + u'\n';
    if (!spec.options.isEmpty()) {
        text += u'\n';
        text += tr("Options") + u'\n';
        text += optionsTable(spec.options);
    }
    text += u'\n';
    text += tr("Global options") + u'\n';
    text += optionsTable(CtlOptions::globalOptionsBesides(spec.options));
    text += u'\n';
    text += tr("Exit codes") + u'\n';
    text += exitCodesText();
    return text;
}

} // namespace lockbox
