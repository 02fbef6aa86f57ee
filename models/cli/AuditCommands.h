#pragma once

#include "ExitCode.h"

#include <QCoreApplication>

namespace lockbox {

class CommandArguments;
class CommandCatalog;
class CommandContext;

// The audit log: export it for a customer's security monitoring, verify the store's hash chain,
// and verify an exported file offline.
class AuditCommands
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::AuditCommands)

public:
    // An export reports its progress on stderr every this many records.
    static constexpr qint64 progressEvery = 10'000;

    static void addTo(CommandCatalog& catalog);

private:
    static ExitCode exportLog(CommandContext& context, const CommandArguments& arguments);
    static ExitCode verify(CommandContext& context, const CommandArguments& arguments);
    static ExitCode verifyFile(CommandContext& context, const CommandArguments& arguments);
};

} // namespace lockbox
