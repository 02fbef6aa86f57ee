#pragma once

#include "ExitCode.h"
#include "domain/AccessRequest.h"
#include "lifecycle/Action.h"

#include <QCoreApplication>

namespace lockbox {

class CommandArguments;
class CommandCatalog;
class CommandContext;

// The customer's commands on requests: list, show, approve, deny, revoke. Every decision goes
// through Store::perform, so the store's lifecycle decides and audits; the CLI only reports.
class RequestCommands
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::RequestCommands)

public:
    static void addTo(CommandCatalog& catalog);

    // Performs `action` on the request named by id or reference and reports the request after it.
    // Shared with the operator's decisions.
    // `keyFile`: the approver's signing key (lockboxctl key create), to sign a customer decision.
    static ExitCode perform(CommandContext& context,
                            const QString& idOrReference,
                            Action action,
                            const QString& comment,
                            const QString& keyFile = {});
    // What a decision left behind: status, approvals, decision, access window.
    static void printOutcome(CommandContext& context, const AccessRequest& request);

private:
    static ExitCode list(CommandContext& context, const CommandArguments& arguments);
    static ExitCode show(CommandContext& context, const CommandArguments& arguments);
    static ExitCode approve(CommandContext& context, const CommandArguments& arguments);
    static ExitCode deny(CommandContext& context, const CommandArguments& arguments);
    static ExitCode revoke(CommandContext& context, const CommandArguments& arguments);
    static ExitCode ask(CommandContext& context, const CommandArguments& arguments);
};

} // namespace lockbox
