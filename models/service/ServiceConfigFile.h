#pragma once

#include "ServiceOptions.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QDir>
#include <optional>

namespace lockbox {

// lockboxd's settings, from its configuration file (/etc/lockbox/lockboxd.conf in the package) or
// its command line, checked by one set of rules. The file has one `key = value` a line, named like the command-line
// options (database, listen, port, tls-cert, tls-key, max-body-kib, connections, insecure-http, smtp-url, smtp-from,
// smtp-user, smtp-password-file, smtp-starttls); blank lines and lines starting with # are ignored. Every key is
// optional and the command line wins over the file. An unknown key, a key set twice or a bad value is refused naming
// the file and the line, so that a typo never falls back to a default unnoticed. Relative paths are relative to the
// file's own folder.
class ServiceConfigFile
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::ServiceConfigFile)

public:
    static Result<ServiceConfigFile> read(const QString& path);
    // `text` as if read from `path`, which the messages name.
    static Result<ServiceConfigFile> parse(const QByteArray& text, const QString& path);
    // The same settings given as command-line options (`--port 8443` as {"port", "8443"}, a flag
    // as {"insecure-http", "yes"}), checked by the same rules; relative paths are relative to
    // `folder`, the working folder.
    static Result<ServiceConfigFile> fromCommandLine(const QList<std::pair<QString, QString>>& settings,
                                                     const QDir& folder);
    // The keys that are flags on the command line (no value).
    static QStringList flagKeys();

    // The keys the file may set, in the order the documentation lists them.
    static QStringList keys();

    // Copies what the file sets into `options` and leaves the rest as it was.
    void applyTo(ServiceOptions& options) const;

private:
    // Sets `key` from `value`, or says what is wrong with the value.
    std::optional<QString> set(const QString& key, const QString& value, const QDir& folder);

    std::optional<QString> m_database;
    std::optional<QHostAddress> m_address;
    std::optional<quint16> m_port;
    std::optional<QString> m_tlsCertificate;
    std::optional<QString> m_tlsKey;
    std::optional<qint64> m_maxBodyBytes;
    std::optional<int> m_connections;
    std::optional<QString> m_endorsementKeyFile;
    std::optional<bool> m_allowPlainHttp;
    std::optional<QString> m_smtpUrl;
    std::optional<QString> m_smtpFrom;
    std::optional<QString> m_smtpUser;
    std::optional<QString> m_smtpPasswordFile;
    std::optional<bool> m_smtpStartTls;
};

} // namespace lockbox
