#include "ServiceProcess.h"

#include <QRegularExpression>

ServiceProcess::ServiceProcess(QString lockboxdPath)
    : m_program(std::move(lockboxdPath))
{ }

ServiceProcess::~ServiceProcess()
{
    stop();
}

void ServiceProcess::useTls(const QString& certificatePath, const QString& keyPath)
{
    m_tlsArguments = {QStringLiteral("--tls-cert"), certificatePath, QStringLiteral("--tls-key"), keyPath};
}

bool ServiceProcess::start(const QString& database, QString* problem, quint16 port)
{
    m_process.setProgram(m_program);
    const QString endorsementKey
        = m_endorsementKey.isEmpty() ? m_dir.filePath(QStringLiteral("endorsement.key")) : m_endorsementKey;
    m_process.setArguments(QStringList {QStringLiteral("--database"),
                                        database,
                                        QStringLiteral("--port"),
                                        QString::number(port),
                                        QStringLiteral("--endorsement-key"),
                                        endorsementKey}
                           + m_tlsArguments);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *problem = m_process.errorString();
        return false;
    }
    static const QRegularExpression serving(QStringLiteral("https?://127\\.0\\.0\\.1:(\\d+)/api/v1"));
    QByteArray output;
    while (m_process.waitForReadyRead(15000)) {
        output += m_process.readAllStandardOutput();
        const QRegularExpressionMatch match = serving.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_port = match.captured(1).toUShort();
            return true;
        }
    }
    *problem
        = QStringLiteral("lockboxd did not start: ") + QString::fromUtf8(output + m_process.readAllStandardError());
    return false;
}

void ServiceProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        m_process.kill();
    m_process.waitForFinished(5000);
}

QString ServiceProcess::url(const QString& path) const
{
    const QString scheme = m_tlsArguments.isEmpty() ? QStringLiteral("http") : QStringLiteral("https");
    return QStringLiteral("%1://127.0.0.1:%2%3").arg(scheme).arg(m_port).arg(path);
}
