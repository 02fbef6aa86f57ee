#pragma once

#include "ExitCode.h"

#include <QCoreApplication>

namespace lockbox {

class CommandArguments;
class CommandCatalog;
class CommandContext;

// Accounts for signing in to lockboxd: add one, reset its password or second factor, enrol an
// authenticator app. Provisioning on the store (a file or a PostgreSQL URL), audited as the
// system in the account's tenant (--tenant; "operator" for the operator's staff).
class AccountCommands
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::AccountCommands)

public:
    static void addTo(CommandCatalog& catalog);

private:
    static ExitCode add(CommandContext& context, const CommandArguments& arguments);
    static ExitCode reset(CommandContext& context, const CommandArguments& arguments);
    static ExitCode enrolMfa(CommandContext& context, const CommandArguments& arguments);
};

} // namespace lockbox
