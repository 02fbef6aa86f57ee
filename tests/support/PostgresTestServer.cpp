#include "PostgresTestServer.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStringList>

#include <unistd.h>

PostgresTestServer::~PostgresTestServer()
{
    QString problem;
    if (m_stopped && !start(&problem))
        qWarning("Could not start the test PostgreSQL server again: %s", qPrintable(problem));
}

bool PostgresTestServer::stop(QString* problem)
{
    if (!pgCtl({QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")}, problem))
        return false;
    m_stopped = true;
    return true;
}

bool PostgresTestServer::start(QString* problem)
{
    const QString log
        = QFileInfo(qEnvironmentVariable("LOCKBOX_TEST_PG_DATA")).dir().filePath(QStringLiteral("server.log"));
    if (!pgCtl({QStringLiteral("-l"),
                log,
                QStringLiteral("-w"),
                QStringLiteral("-t"),
                QStringLiteral("60"),
                QStringLiteral("start")},
               problem))
        return false;
    m_stopped = false;
    return true;
}

bool PostgresTestServer::pgCtl(const QStringList& arguments, QString* problem)
{
    const QString bin = qEnvironmentVariable("LOCKBOX_TEST_PG_BIN");
    const QString data = qEnvironmentVariable("LOCKBOX_TEST_PG_DATA");
    if (bin.isEmpty() || data.isEmpty()) {
        *problem = QStringLiteral("LOCKBOX_TEST_PG_BIN and LOCKBOX_TEST_PG_DATA are not set: run the tests under "
                                  "scripts/with-postgres.sh, which starts the test server and sets them.");
        return false;
    }
    QString program = QDir(bin).filePath(QStringLiteral("pg_ctl"));
    QStringList all = QStringList {QStringLiteral("-D"), data} + arguments;
    const QString owner = QFileInfo(data).owner();
    if (::geteuid() == 0 && !owner.isEmpty() && owner != QLatin1String("root")) {
        all = QStringList {QStringLiteral("-u"), owner, QStringLiteral("--"), program} + all;
        program = QStringLiteral("runuser");
    }
    QProcess process;
    // The owner may not be allowed into the test's working folder.
    process.setWorkingDirectory(QFileInfo(data).absolutePath());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, all);
    if (!process.waitForFinished(90'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *problem = QStringLiteral("%1 %2 failed: %3")
                       .arg(program, all.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}
