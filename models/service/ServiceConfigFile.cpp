#include "ServiceConfigFile.h"

#include "SmtpMailer.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace lockbox {

namespace {

// A path in the file is relative to the file's folder, not to wherever lockboxd was started.
QString resolvePath(const QString& value, const QDir& folder)
{
    return QDir::cleanPath(folder.absoluteFilePath(value));
}

} // namespace

QStringList ServiceConfigFile::keys()
{
    return {QStringLiteral("database"),
            QStringLiteral("listen"),
            QStringLiteral("port"),
            QStringLiteral("tls-cert"),
            QStringLiteral("tls-key"),
            QStringLiteral("max-body-kib"),
            QStringLiteral("connections"),
            QStringLiteral("endorsement-key"),
            QStringLiteral("insecure-http"),
            QStringLiteral("smtp-url"),
            QStringLiteral("smtp-from"),
            QStringLiteral("smtp-user"),
            QStringLiteral("smtp-password-file"),
            QStringLiteral("smtp-starttls")};
}

Result<ServiceConfigFile> ServiceConfigFile::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Code::InvalidInput,
                     tr("Cannot read the configuration file %1: %2.").arg(path, file.errorString()));
    return parse(file.readAll(), path);
}

Result<ServiceConfigFile> ServiceConfigFile::parse(const QByteArray& text, const QString& path)
{
    ServiceConfigFile config;
    const QDir folder = QFileInfo(path).absoluteDir();
    const QStringList known = keys();
    QHash<QString, int> firstLine;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index) + 1;
        auto refuse = [&](const QString& problem) {
            return Error(Error::Code::InvalidInput, tr("%1:%2: %3").arg(path, QString::number(lineNumber), problem));
        };
        const QString line = QString::fromUtf8(lines.at(index)).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0)
            return refuse(tr("expected a setting like \"port = 8443\", found \"%1\".").arg(line));
        const QString key = line.left(equals).trimmed();
        const QString value = line.mid(equals + 1).trimmed();
        if (!known.contains(key))
            return refuse(
                tr("unknown setting \"%1\"; the settings are %2.").arg(key, known.join(QStringLiteral(", "))));
        if (firstLine.contains(key))
            return refuse(
                tr("\"%1\" is set a second time (first on line %2); set it once.").arg(key).arg(firstLine[key]));
        if (value.isEmpty())
            return refuse(tr("\"%1\" has no value; give one, or remove the line to use the default.").arg(key));
        if (std::optional<QString> problem = config.set(key, value, folder))
            return refuse(*problem);
        firstLine.insert(key, lineNumber);
    }
    return config;
}

QStringList ServiceConfigFile::flagKeys()
{
    return {QStringLiteral("insecure-http"), QStringLiteral("smtp-starttls")};
}

Result<ServiceConfigFile> ServiceConfigFile::fromCommandLine(const QList<std::pair<QString, QString>>& settings,
                                                             const QDir& folder)
{
    ServiceConfigFile config;
    const QStringList known = keys();
    for (const auto& [key, value] : settings) {
        if (!known.contains(key))
            return Error(Error::Code::Internal, tr("--%1 is not a setting of lockboxd.").arg(key));
        if (std::optional<QString> problem = config.set(key, value.trimmed(), folder)) {
            // "port takes a number …" reads as "--port takes a number …" here.
            const bool namesKey = problem->startsWith(key + QLatin1Char(' '));
            return Error(Error::Code::InvalidInput,
                         namesKey ? QStringLiteral("--") + *problem : tr("--%1: %2").arg(key, *problem));
        }
    }
    return config;
}

std::optional<QString> ServiceConfigFile::set(const QString& key, const QString& value, const QDir& folder)
{
    bool ok = false;
    auto yesOrNo = [&value](std::optional<bool>& setting) -> bool {
        if (value == QLatin1String("yes") || value == QLatin1String("true"))
            setting = true;
        else if (value == QLatin1String("no") || value == QLatin1String("false"))
            setting = false;
        else
            return false;
        return true;
    };
    if (key == QLatin1String("database")) {
        m_database = value.contains(QLatin1String("://")) ? value : resolvePath(value, folder);
    } else if (key == QLatin1String("listen")) {
        QHostAddress address;
        if (!address.setAddress(value))
            return tr("listen takes an IP address such as 127.0.0.1 or 0.0.0.0; \"%1\" is not one.").arg(value);
        m_address = address;
    } else if (key == QLatin1String("port")) {
        const uint port = value.toUInt(&ok);
        if (!ok || port > 65535)
            return tr("port takes a number from 0 to 65535; \"%1\" is not one.").arg(value);
        m_port = static_cast<quint16>(port);
    } else if (key == QLatin1String("tls-cert")) {
        m_tlsCertificate = resolvePath(value, folder);
    } else if (key == QLatin1String("tls-key")) {
        m_tlsKey = resolvePath(value, folder);
    } else if (key == QLatin1String("max-body-kib")) {
        const qint64 kib = value.toLongLong(&ok);
        if (!ok || kib < 1 || kib > ServiceOptions::maxBodyKibLimit)
            return tr("max-body-kib takes a number from 1 to %1; \"%2\" is not one.")
                .arg(ServiceOptions::maxBodyKibLimit)
                .arg(value);
        m_maxBodyBytes = kib * 1024;
    } else if (key == QLatin1String("connections")) {
        const int connections = value.toInt(&ok);
        if (!ok || connections < 1 || connections > ServiceOptions::maxConnections)
            return tr("connections takes a number from 1 to %1; \"%2\" is not one.")
                .arg(ServiceOptions::maxConnections)
                .arg(value);
        m_connections = connections;
    } else if (key == QLatin1String("endorsement-key")) {
        m_endorsementKeyFile = resolvePath(value, folder);
    } else if (key == QLatin1String("insecure-http")) {
        if (!yesOrNo(m_allowPlainHttp))
            return tr("insecure-http takes yes or no; \"%1\" is neither.").arg(value);
    } else if (key == QLatin1String("smtp-url")) {
        if (std::optional<QString> problem = SmtpMailer::urlProblem(value))
            return *problem;
        m_smtpUrl = value;
    } else if (key == QLatin1String("smtp-from")) {
        if (!MailMessage::isAddress(value))
            return tr("smtp-from takes an address like lockbox@contoso.com; \"%1\" is not one.").arg(value);
        m_smtpFrom = value;
    } else if (key == QLatin1String("smtp-user")) {
        m_smtpUser = value;
    } else if (key == QLatin1String("smtp-password-file")) {
        m_smtpPasswordFile = resolvePath(value, folder);
    } else if (key == QLatin1String("smtp-starttls")) {
        if (!yesOrNo(m_smtpStartTls))
            return tr("smtp-starttls takes yes or no; \"%1\" is neither.").arg(value);
    }
    return std::nullopt;
}

void ServiceConfigFile::applyTo(ServiceOptions& options) const
{
    if (m_database)
        options.database = *m_database;
    if (m_address)
        options.address = *m_address;
    if (m_port)
        options.port = *m_port;
    if (m_tlsCertificate)
        options.tlsCertificate = *m_tlsCertificate;
    if (m_tlsKey)
        options.tlsKey = *m_tlsKey;
    if (m_maxBodyBytes)
        options.maxBodyBytes = *m_maxBodyBytes;
    if (m_connections)
        options.connections = *m_connections;
    if (m_endorsementKeyFile)
        options.endorsementKeyFile = *m_endorsementKeyFile;
    if (m_allowPlainHttp)
        options.allowPlainHttp = *m_allowPlainHttp;
    if (m_smtpUrl)
        options.smtpUrl = *m_smtpUrl;
    if (m_smtpFrom)
        options.smtpFrom = *m_smtpFrom;
    if (m_smtpUser)
        options.smtpUser = *m_smtpUser;
    if (m_smtpPasswordFile)
        options.smtpPasswordFile = *m_smtpPasswordFile;
    if (m_smtpStartTls)
        options.smtpStartTls = *m_smtpStartTls;
}

} // namespace lockbox
