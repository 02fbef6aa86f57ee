#pragma once

#include "CommandSpec.h"
#include "core/Result.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

namespace lockbox {

class CommandArguments;

// The global options every command shares: the store file, who acts, in which tenant, and
// whether output is JSON. Each comes from the command line or else from its environment variable.
class CtlOptions
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::CtlOptions)

public:
    static inline const QString storeVariable = QStringLiteral("LOCKBOX_STORE");
    static inline const QString userVariable = QStringLiteral("LOCKBOX_USER");
    static inline const QString tenantVariable = QStringLiteral("LOCKBOX_TENANT");

    QString storePath;
    QString principal;
    QString tenantId;
    bool json = false;

    // --store, --as, --tenant, --json and --help: accepted before and after the command name.
    static QList<QCommandLineOption> globalOptions();

    // Resolves what `spec` needs from the arguments, then the environment. A missing value is an
    // InvalidInput Error naming both the option and the environment variable.
    static Result<CtlOptions>
    resolve(const CommandArguments& arguments, const QProcessEnvironment& environment, const CommandSpec& spec);
};

} // namespace lockbox
