#pragma once

#include "ExitCode.h"
#include "domain/RoleAssignment.h"
#include "domain/TenantSettings.h"

#include <QCoreApplication>

namespace lockbox {

class CommandArguments;
class CommandCatalog;
class CommandContext;

// The customer's administration: the tenant's lockbox policy (settings) and who holds which role
// (roles). The store decides who may change them.
class AdminCommands
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::AdminCommands)

public:
    static void addTo(CommandCatalog& catalog);

private:
    static ExitCode settingsGet(CommandContext& context, const CommandArguments& arguments);
    static ExitCode settingsSet(CommandContext& context, const CommandArguments& arguments);
    static ExitCode rolesList(CommandContext& context, const CommandArguments& arguments);
    static ExitCode rolesAdd(CommandContext& context, const CommandArguments& arguments);
    static ExitCode rolesRemove(CommandContext& context, const CommandArguments& arguments);

    static void printSettings(CommandContext& context, const TenantSettings& settings);
    static void printRoles(CommandContext& context, const QList<RoleAssignment>& assignments);
};

} // namespace lockbox
