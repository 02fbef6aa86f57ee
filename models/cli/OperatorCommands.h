#pragma once

#include "ExitCode.h"

#include <QCoreApplication>

namespace lockbox {

class CommandArguments;
class CommandCatalog;
class CommandContext;

// The operator's side: an engineer files and withdraws requests and checks access; a support
// manager approves or rejects filed requests before the customer sees them. These commands act in
// tenant "operator" unless --tenant or LOCKBOX_TENANT says otherwise.
class OperatorCommands
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::OperatorCommands)

public:
    static void addTo(CommandCatalog& catalog);

private:
    static ExitCode file(CommandContext& context, const CommandArguments& arguments);
    static ExitCode managerApprove(CommandContext& context, const CommandArguments& arguments);
    static ExitCode managerReject(CommandContext& context, const CommandArguments& arguments);
    static ExitCode answer(CommandContext& context, const CommandArguments& arguments);
    static ExitCode withdraw(CommandContext& context, const CommandArguments& arguments);
    static ExitCode accessCheck(CommandContext& context, const CommandArguments& arguments);
};

} // namespace lockbox
