#include "SqlConnection.h"

#include <QAtomicInteger>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>

namespace lockbox {

SqlConnection::SqlConnection(const QString& databaseName)
    : m_dialect(SqlDialect::forDatabaseName(databaseName))
    , m_location(SqlDialect::displayName(databaseName))
{
    if (!m_dialect)
        return;
    static QAtomicInteger<quint64> counter;
    m_connectionName = QStringLiteral("lockbox-%1").arg(counter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(m_dialect->driverName(), m_connectionName);
    m_dialect->configure(m_db);
    m_location = m_dialect->location();
}

SqlConnection::~SqlConnection()
{
    if (m_connectionName.isEmpty())
        return;
    m_statements.clear();
    m_failed.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status SqlConnection::open()
{
    if (!m_dialect)
        return m_dialect.error();
    if (!m_db.isValid())
        return Error(
            Error::Code::Unavailable,
            tr("Qt's %1 database driver is not installed, so %2 cannot be opened. Install the Debian "
               "package %3.")
                .arg(dialect().driverName(),
                     m_location,
                     dialect().isServer() ? QStringLiteral("libqt6sql6-psql") : QStringLiteral("libqt6sql6-sqlite")));
    if (!m_db.open()) {
        if (dialect().isServer())
            return unreachable(m_db.lastError());
        return Error(Error::Code::StorageFailure,
                     tr("Cannot open the store %1: %2").arg(m_location, m_db.lastError().text()));
    }
    QSqlQuery query(m_db);
    const QStringList setup = dialect().sessionSetup();
    for (qsizetype i = 0; i < setup.size(); ++i) {
        if (query.exec(setup.at(i)))
            continue;
        if (i == 0)
            return Error(Error::Code::InvalidInput,
                         tr("%1 is not a Lockbox store: %2").arg(m_location, query.lastError().text()));
        return failure(tr("Preparing the store"), query.lastError());
    }
    m_lost = false;
    return Status::success();
}

Status SqlConnection::reconnectIfLost()
{
    if (!m_dialect || !dialect().isServer() || (!m_lost && m_db.isOpen()))
        return Status::success();
    m_statements.clear();
    m_failed.clear();
    m_serverStatements.clear();
    m_db.close();
    return open();
}

bool SqlConnection::execAll(QSqlQuery& query, const QStringList& statements)
{
    if (!query.exec(statements.join(QStringLiteral("; "))))
        return false;
    while (query.nextResult()) { }
    return !query.lastError().isValid();
}

Result<QString> SqlConnection::serverExecute(const QString& sql, const QVariantList& values)
{
    auto found = m_serverStatements.find(sql);
    if (found == m_serverStatements.end()) {
        const QString name = QStringLiteral("lockbox_write_%1").arg(m_serverStatements.size() + 1);
        QSqlQuery prepare(m_db);
        if (!prepare.exec(QStringLiteral("PREPARE %1 AS %2").arg(name, sql)))
            return failure(tr("Preparing a write"), prepare.lastError());
        found = m_serverStatements.emplace(sql, name).first;
    }
    QStringList literals;
    literals.reserve(values.size());
    for (const QVariant& value : values) {
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        literals << m_db.driver()->formatValue(field);
    }
    return QStringLiteral("EXECUTE %1(%2)").arg(found->second, literals.join(QStringLiteral(", ")));
}

QSqlQuery& SqlConnection::prepared(const QString& sql)
{
    if (const auto found = m_statements.find(sql); found != m_statements.end()) {
        found->second->finish();
        return *found->second;
    }
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    // Kept even when preparing failed: exec() then reports the error, and the next call
    // (after a reconnect, say) prepares it anew.
    const bool ok = query->prepare(sql);
    QSqlQuery& kept = *query;
    if (ok)
        m_statements.emplace(sql, std::move(query));
    else
        m_failed.push_back(std::move(query));
    return kept;
}

void SqlConnection::finishStatements()
{
    for (const auto& [sql, query] : m_statements) {
        if (query->isActive())
            query->finish();
    }
}

void SqlConnection::trimStatements()
{
    finishStatements();
    constexpr std::size_t maxStatements = 256;
    if (m_statements.size() > maxStatements)
        m_statements.clear();
    m_failed.clear();
}

Error SqlConnection::failure(const QString& what, const QSqlError& error)
{
    if (m_dialect && dialect().isConnectionLost(error, m_db)) {
        m_lost = true;
        return unreachable(error);
    }
    return Error(Error::Code::StorageFailure, tr("%1 failed in %2: %3").arg(what, m_location, error.text()));
}

Error SqlConnection::unreachable(const QSqlError& error) const
{
    // libpq's own words say why (refused, timed out, shut down), on one line.
    QString why = error.databaseText().simplified();
    if (why.isEmpty())
        why = error.driverText().simplified();
    if (why.isEmpty() || why.startsWith(QLatin1String("QPSQL:")))
        why = tr("the connection was lost");
    static const QRegularExpression endOfSentence(QStringLiteral("[.?!]$"));
    if (!endOfSentence.match(why).hasMatch())
        why += QLatin1Char('.');
    return Error(Error::Code::Unavailable,
                 tr("The database at %1 is unreachable: %2 Check that the PostgreSQL server is running and "
                    "accepts connections from this machine, then try again.")
                     .arg(dialect().address(), why));
}

} // namespace lockbox
