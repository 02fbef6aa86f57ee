#pragma once

#include "ExitCode.h"

#include <QCommandLineOption>
#include <QList>
#include <QStringList>
#include <functional>

namespace lockbox {

class CommandArguments;
class CommandContext;

// One lockboxctl command: the words that name it, what it takes, what it needs before it runs,
// and the function that runs it. The catalog of these drives parsing, dispatch and help alike,
// so the help cannot drift from what the parser accepts.
struct CommandSpec
{
    // What must be in place before the command runs.
    enum class Needs {
        Nothing, // audit verify-file: works on a file alone
        Store, // provisioning: --store, no actor (Lockbox itself acts)
        Actor, // everything else: --store, --as and --tenant, resolved by the store (or a service)
        Service, // login, logout: --url; the command signs in or out itself
    };
    using Handler = std::function<ExitCode(CommandContext&, const CommandArguments&)>;

    QStringList words; // {"audit", "export"}
    QStringList positionals; // required arguments in order, e.g. {"REF"}
    QString synopsis; // the options part of the usage line: "[--comment TEXT]"
    QString summary; // one line for the help
    QList<QCommandLineOption> options;
    Needs needs = Needs::Actor;
    QString defaultTenant; // acted in when neither --tenant nor LOCKBOX_TENANT says
    Handler run;
    // Through a service: a decision or change, which needs a recent one-time code (--code).
    bool needsStepUp = false;

    QString name() const { return words.join(QLatin1Char(' ')); }
    // "approve REF [--comment TEXT]"
    QString usage() const;
};

} // namespace lockbox
