#pragma once

#include "ExitCode.h"

#include <QCoreApplication>

namespace lockbox {

class CommandArguments;
class CommandCatalog;
class CommandContext;

// Setting a store up: the training demo, a benchmark store, a customer tenant with its first
// Global administrator, the operator's staff. Lockbox itself acts (audited as the system), so
// these need --store but no --as.
class ProvisioningCommands
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::ProvisioningCommands)

public:
    static void addTo(CommandCatalog& catalog);

private:
    static ExitCode seedDemo(CommandContext& context, const CommandArguments& arguments);
    static ExitCode seedLarge(CommandContext& context, const CommandArguments& arguments);
    static ExitCode tenantAdd(CommandContext& context, const CommandArguments& arguments);
    static ExitCode staffAdd(CommandContext& context, const CommandArguments& arguments);
};

} // namespace lockbox
