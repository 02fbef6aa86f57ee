#pragma once

#include "ExitCode.h"

#include <QCoreApplication>

namespace lockbox {

class CommandArguments;
class CommandCatalog;
class CommandContext;

// Signing in to a Lockbox service (--url) once for several commands: `login` prints a bearer
// token for LOCKBOX_TOKEN, so that later commands need no password; `logout` ends its session.
class SessionCommands
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SessionCommands)

public:
    static void addTo(CommandCatalog& catalog);

private:
    static ExitCode login(CommandContext& context, const CommandArguments& arguments);
    static ExitCode logout(CommandContext& context, const CommandArguments& arguments);
};

} // namespace lockbox
