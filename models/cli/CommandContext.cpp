#include "CommandContext.h"

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
    const QString& path = m_options.storePath;
    if (opening == Opening::Existing && !QFileInfo::exists(path))
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

Status CommandContext::signIn()
{
    Result<Store*> opened = open();
    if (!opened)
        return opened.error();
    Result<Actor> resolved = (*opened)->resolveActor(m_actor).result();
    if (!resolved)
        return resolved.error();
    m_actor = *resolved;
    return Status::success();
}

Store& CommandContext::store()
{
    Q_ASSERT(m_store);
    return *m_store;
}

ExitCode CommandContext::fail(const Error& error, const QJsonObject& json)
{
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
