#include "CommandContext.h"

#include "PasswordPrompt.h"
#include "store/RemoteStore.h"
#include "store/SqlDialect.h"
#include "store/SqlStore.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

namespace lockbox {

CommandContext::CommandContext(
    QTextStream& out, QTextStream& err, CtlOptions options, std::shared_ptr<const Clock> clock, QString commandName)
    : m_out(out)
    , m_err(err)
    , m_options(std::move(options))
    , m_clock(std::move(clock))
    , m_commandName(std::move(commandName))
    , m_actor {m_options.principal, m_options.tenantId}
{ }

CommandContext::~CommandContext() = default;

Result<Store*> CommandContext::open(Opening opening)
{
    if (m_store)
        return m_store.get();
    if (m_options.remote()) {
        auto remote = std::make_unique<RemoteStore>(QUrl(m_options.serviceUrl));
        if (Status reached = remote->open().result(); !reached)
            return reached.error();
        m_store = std::move(remote);
        return m_store.get();
    }
    const QString& path = m_options.storePath;
    // A server database is there or not when connecting; a file can be checked first.
    if (opening == Opening::Existing && !SqlDialect::isServerUrl(path) && !QFileInfo::exists(path))
        return Error(Error::Code::Unavailable,
                     tr("There is no store at %1. Check --store (or %2), or create one with "
                        "`lockboxctl seed demo` or `lockboxctl tenant add`.")
                         .arg(path, CtlOptions::storeVariable));
    auto store = std::make_unique<SqlStore>(path, m_clock);
    if (Status opened = store->open().result(); !opened) {
        // Whatever the reason (not a database, not a Lockbox store, too new), the store is
        // unavailable to this command: exit code 4, with the store's own explanation.
        if (exitCodeFor(opened.error()) == ExitCode::StoreFailure)
            return opened.error();
        return Error(Error::Code::Unavailable, opened.error().message());
    }
    m_store = std::move(store);
    return m_store.get();
}

RemoteStore* CommandContext::remoteStore()
{
    return qobject_cast<RemoteStore*>(m_store.get());
}

Status CommandContext::signIn(bool stepUp)
{
    Result<Store*> opened = open();
    if (!opened)
        return opened.error();
    if (RemoteStore* remote = remoteStore()) {
        // The service resolved the role when it opened the session: no second round trip.
        const bool withToken = !m_options.token.isEmpty();
        Result<AuthSession> session = withToken ? resumeSession(*remote) : signInWithPassword();
        if (!session)
            return session.error();
        m_actor = session->actor;
        // A code that signed in has stepped up too, and cannot be used twice.
        const bool codeUsed = !withToken && session->stepUpAt.isValid();
        if (stepUp && !m_options.oneTimeCode.isEmpty() && !codeUsed) {
            if (Result<AuthSession> steppedUp = remote->stepUp(m_options.oneTimeCode).result(); !steppedUp)
                return steppedUp.error();
        }
        return Status::success();
    }
    Result<Actor> resolved = (*opened)->resolveActor(m_actor).result();
    if (!resolved)
        return resolved.error();
    m_actor = *resolved;
    return Status::success();
}

Result<QString> CommandContext::readPassword()
{
    if (m_options.passwordFromStdin)
        return PasswordPrompt::read(true, {});
    if (!m_options.password.isEmpty())
        return m_options.password;
    return PasswordPrompt::read(false, tr("Password for %1: ").arg(m_options.principal));
}

Result<AuthSession> CommandContext::signInWithPassword()
{
    Result<Store*> opened = open();
    if (!opened)
        return opened.error();
    RemoteStore* remote = remoteStore();
    if (!remote)
        return Error(Error::Code::Internal, tr("Signing in with a password needs a Lockbox service (--url)."));
    Result<QString> password = readPassword();
    if (!password)
        return Error(Error::Code::Unauthenticated,
                     tr("%1 Or sign in once with `lockboxctl login` and set %2 to the token it prints.")
                         .arg(password.error().message(), CtlOptions::tokenVariable));
    Result<AuthSession> session
        = remote->signInWithPassword(m_options.tenantId, m_options.principal, *password, m_options.oneTimeCode)
              .result();
    if (!session && session.error().code() == Error::Code::MfaRequired)
        return Error(
            Error::Code::MfaRequired,
            tr("%1 Pass it with --code CODE (or set %2).").arg(session.error().message(), CtlOptions::codeVariable));
    return session;
}

Result<AuthSession> CommandContext::resumeSession(RemoteStore& remote)
{
    remote.setToken(m_options.token);
    Result<AuthSession> session = remote.currentSession().result();
    if (!session) {
        if (session.error().code() != Error::Code::Unauthenticated)
            return session.error();
        return Error(Error::Code::Unauthenticated,
                     tr("%1 (The token comes from %2; `lockboxctl login` prints a new one.)")
                         .arg(session.error().message(), CtlOptions::tokenVariable));
    }
    const Actor& owner = session->actor;
    const bool otherPerson
        = !m_options.principal.isEmpty() && m_options.principal.compare(owner.principal, Qt::CaseInsensitive) != 0;
    const bool otherTenant
        = !m_options.tenantId.isEmpty() && m_options.tenantId.compare(owner.tenantId, Qt::CaseInsensitive) != 0;
    if (otherPerson || otherTenant)
        return Error(Error::Code::Unauthenticated,
                     tr("The token in %1 is %2's in %3, not %4's in %5: leave out --as and --tenant to act as %2, or "
                        "sign in as %4 with `lockboxctl login`.")
                         .arg(CtlOptions::tokenVariable,
                              owner.principal,
                              owner.tenantId,
                              m_options.principal.isEmpty() ? owner.principal : m_options.principal,
                              m_options.tenantId.isEmpty() ? owner.tenantId : m_options.tenantId));
    return session;
}

Store& CommandContext::store()
{
    Q_ASSERT(m_store);
    return *m_store;
}

ExitCode CommandContext::fail(const Error& failure, const QJsonObject& json)
{
    Error error = failure;
    // The service's words point at its API; here the way to give a code is an option.
    if (error.code() == Error::Code::StepUpRequired && m_options.remote() && m_options.oneTimeCode.isEmpty())
        error = Error(error.code(),
                      tr("This needs a one-time code from the last %1 minutes: pass --code CODE (or set %2) with the "
                         "current code from your authenticator app.")
                          .arg(AuthSession::stepUpMinutes)
                          .arg(CtlOptions::codeVariable));
    m_err << "lockboxctl: " << error.message() << '\n';
    m_err.flush();
    if (m_options.json) {
        QJsonObject document = json;
        document.insert(
            QStringLiteral("error"),
            QJsonObject {{QStringLiteral("code"), error.codeName()}, {QStringLiteral("message"), error.message()}});
        printJson(document);
    }
    return exitCodeFor(error);
}

ExitCode CommandContext::usage(const QString& message)
{
    m_err << "lockboxctl: " << message << '\n';
    if (m_commandName.isEmpty())
        m_err << tr("Run 'lockboxctl --help' for the commands.") << '\n';
    else
        m_err << tr("Run 'lockboxctl %1 --help' for its usage.").arg(m_commandName) << '\n';
    m_err.flush();
    if (m_options.json)
        printJson(QJsonObject {
            {QStringLiteral("error"),
             QJsonObject {{QStringLiteral("code"), QStringLiteral("usage")}, {QStringLiteral("message"), message}}}});
    return ExitCode::Usage;
}

void CommandContext::printJson(const QJsonObject& json)
{
    m_out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    m_out.flush();
}

void CommandContext::progress(const QString& line)
{
    m_err << line << '\n';
    m_err.flush();
}

} // namespace lockbox
