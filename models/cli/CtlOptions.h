#pragma once

#include "CommandSpec.h"
#include "core/Result.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

namespace lockbox {

class CommandArguments;

// The global options every command shares: the store file or the service, who acts, in which
// tenant, how they sign in to a service, and whether output is JSON. Each comes from the command
// line or else from its environment variable.
class CtlOptions
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::CtlOptions)

public:
    static inline const QString storeVariable = QStringLiteral("LOCKBOX_STORE");
    static inline const QString userVariable = QStringLiteral("LOCKBOX_USER");
    static inline const QString tenantVariable = QStringLiteral("LOCKBOX_TENANT");
    static inline const QString urlVariable = QStringLiteral("LOCKBOX_URL");
    static inline const QString tokenVariable = QStringLiteral("LOCKBOX_TOKEN");
    static inline const QString codeVariable = QStringLiteral("LOCKBOX_CODE");
    static inline const QString keyVariable = QStringLiteral("LOCKBOX_KEY");

    QString storePath;
    QString principal;
    QString tenantId;
    bool json = false;
    // Through a Lockbox service instead of a store: its URL, and how to sign in to it.
    QString serviceUrl;
    QString token; // from an earlier `lockboxctl login`: no password needed
    QString oneTimeCode; // the authenticator app's current code
    bool passwordFromStdin = false;
    QString password; // from LOCKBOX_PASSWORD in lockboxctl's environment, when set
    QString keyFile; // the signing key file for decisions: --key, else LOCKBOX_KEY

    bool remote() const { return !serviceUrl.isEmpty(); }

    // --store, --url, --as, --tenant, --code, --password-stdin, --json and --help: accepted before
    // and after the command name.
    static QList<QCommandLineOption> globalOptions();
    // The global options a command does not define itself (`account add` has its own
    // --password-stdin).
    static QList<QCommandLineOption> globalOptionsBesides(const QList<QCommandLineOption>& commandOptions);

    // Resolves what `spec` needs from the arguments, then the environment. A missing value is an
    // InvalidInput Error naming both the option and the environment variable.
    static Result<CtlOptions>
    resolve(const CommandArguments& arguments, const QProcessEnvironment& environment, const CommandSpec& spec);
};

} // namespace lockbox
