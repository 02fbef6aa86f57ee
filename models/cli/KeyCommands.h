#pragma once

#include "ExitCode.h"

#include <QCoreApplication>

namespace lockbox {

class CommandArguments;
class CommandCatalog;
class CommandContext;

// An approver's signing key from the command line: `key create FILE` makes a key pair, keeps its
// secret half in FILE (mode 0600) and registers the public half with the store (audited);
// `key list` shows the tenant's registered keys and their fingerprints; `key sign` prints the
// signatures of decisions for scripts that call lockboxd's API themselves.
class KeyCommands
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::KeyCommands)

public:
    static void addTo(CommandCatalog& catalog);

private:
    static ExitCode create(CommandContext& context, const CommandArguments& arguments);
    static ExitCode list(CommandContext& context, const CommandArguments& arguments);
    static ExitCode sign(CommandContext& context, const CommandArguments& arguments);
};

} // namespace lockbox
