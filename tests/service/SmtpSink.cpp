#include "SmtpSink.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

namespace {

// Debian's own python3 first: python3-aiosmtpd installs into it, not into another python3 on PATH.
QString pythonWithAiosmtpd()
{
    QStringList candidates {QStringLiteral("/usr/bin/python3")};
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (!onPath.isEmpty())
        candidates << onPath;
    for (const QString& python : std::as_const(candidates)) {
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import aiosmtpd")});
        if (probe.waitForFinished(30'000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
            return python;
    }
    return {};
}

} // namespace

SmtpSink::SmtpSink(QStringList arguments)
    : m_arguments(std::move(arguments))
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &SmtpSink::readLines);
}

SmtpSink::~SmtpSink()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    // It stops when its standard input closes.
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(10'000)) {
        m_process.kill();
        m_process.waitForFinished(10'000);
    }
}

bool SmtpSink::start(QString* problem)
{
    const QString python = pythonWithAiosmtpd();
    if (python.isEmpty()) {
        *problem = QStringLiteral("The mail tests need a local SMTP server from the Debian package python3-aiosmtpd "
                                  "(apt-get install python3-aiosmtpd); /usr/bin/python3 cannot import aiosmtpd.");
        return false;
    }
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(python, QStringList {QStringLiteral(LOCKBOX_SMTP_SINK)} + m_arguments);
    if (!m_process.waitForStarted(30'000)) {
        *problem = QStringLiteral("Could not start the SMTP sink %1: %2")
                       .arg(QStringLiteral(LOCKBOX_SMTP_SINK), m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(30'000);
    while (m_port == 0 && !deadline.hasExpired() && m_process.state() == QProcess::Running) {
        if (m_process.waitForReadyRead(int(deadline.remainingTime())))
            readLines();
    }
    if (m_port == 0) {
        *problem = QStringLiteral("The SMTP sink %1 did not say which port it listens on.")
                       .arg(QStringLiteral(LOCKBOX_SMTP_SINK));
        return false;
    }
    return true;
}

QString SmtpSink::url() const
{
    return QStringLiteral("smtp://127.0.0.1:%1").arg(m_port);
}

void SmtpSink::readLines()
{
    m_pending += m_process.readAllStandardOutput();
    qsizetype end = 0;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QJsonObject line = QJsonDocument::fromJson(m_pending.left(end)).object();
        m_pending.remove(0, end + 1);
        if (line.contains(QStringLiteral("listening"))) {
            m_port = quint16(line.value(QStringLiteral("listening")).toInt());
            continue;
        }
        if (line.contains(QStringLiteral("refused"))) {
            ++m_refused;
            continue;
        }
        Mail mail;
        mail.mailFrom = line.value(QStringLiteral("mailFrom")).toString();
        for (const QJsonValue& recipient : line.value(QStringLiteral("rcptTos")).toArray())
            mail.recipients << recipient.toString();
        mail.recipients.sort();
        mail.login = line.value(QStringLiteral("login")).toString();
        mail.raw = line.value(QStringLiteral("raw")).toString().toUtf8();
        mail.headers = line.value(QStringLiteral("headers")).toObject();
        mail.subject = line.value(QStringLiteral("subject")).toString();
        mail.body = line.value(QStringLiteral("body")).toString();
        m_mails.append(mail);
    }
}
