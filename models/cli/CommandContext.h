#pragma once

#include "CtlOptions.h"
#include "ExitCode.h"
#include "accounts/AuthSession.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "domain/Actor.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <memory>

class QTextStream;

namespace lockbox {

class RemoteStore;
class Store;

// What a running command works with: its output streams, the global options, the clock, and the
// store (a local one, or a Lockbox service's with --url), opened once. It also owns how outcomes
// reach the user: results on stdout, errors on stderr as "lockboxctl: <message>", and with --json
// one JSON document on stdout, errors included.
class CommandContext
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::CommandContext)

public:
    enum class Opening {
        Existing, // a missing file is an error: opening would create an empty store
        CreateIfMissing, // provisioning starts a new store
    };

    CommandContext(QTextStream& out,
                   QTextStream& err,
                   CtlOptions options,
                   std::shared_ptr<const Clock> clock,
                   QString commandName);
    ~CommandContext();
    CommandContext(const CommandContext&) = delete;
    CommandContext& operator=(const CommandContext&) = delete;

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }
    bool json() const { return m_options.json; }
    const CtlOptions& options() const { return m_options; }
    const std::shared_ptr<const Clock>& clock() const { return m_clock; }
    QDateTime now() const { return m_clock->now(); }

    // The actor as the store resolved them (after signIn()), else as named on the command line.
    const Actor& actor() const { return m_actor; }

    // Opens the store named by --store, or reaches the service named by --url (once; later calls
    // return it).
    Result<Store*> open(Opening opening = Opening::Existing);
    // Opens the store and has it resolve the actor's role in the tenant. Through a service, first
    // signs in (with the token, else the password and --code); with `stepUp` and --code, also
    // enters the code for a decision or change unless signing in just did.
    Status signIn(bool stepUp = false);
    // Through a service: signs in with --as, --tenant, the password and --code (`login`).
    Result<AuthSession> signInWithPassword();
    // The store as a service's, after open() with --url; nullptr for a local store.
    RemoteStore* remoteStore();
    // The store opened by open() or signIn(): Ctl opens it before a command that needs an actor.
    Store& store();

    // Reports a refusal or failure and returns its exit code. `json` adds fields to the JSON
    // error document (e.g. the verification that failed).
    ExitCode fail(const Error& error, const QJsonObject& json = {});
    // Reports a malformed command line (exit code 1) with a pointer to the command's help.
    ExitCode usage(const QString& message);
    // Writes one JSON document on stdout.
    void printJson(const QJsonObject& json);
    // A line on stderr, flushed now so that it shows while the work goes on.
    void progress(const QString& line);

private:
    // The session of the token in LOCKBOX_TOKEN, when it is --as's in --tenant (or they are not given).
    Result<AuthSession> resumeSession(RemoteStore& remote);
    Result<QString> readPassword();

    QTextStream& m_out;
    QTextStream& m_err;
    CtlOptions m_options;
    std::shared_ptr<const Clock> m_clock;
    QString m_commandName;
    Actor m_actor;
    std::unique_ptr<Store> m_store;
};

} // namespace lockbox
