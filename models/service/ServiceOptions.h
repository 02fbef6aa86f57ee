#pragma once

#include <QHostAddress>
#include <QString>

namespace lockbox {

// How lockboxd runs: where its data is and how it listens.
struct ServiceOptions
{
    static constexpr quint16 defaultPort = 8443;
    static constexpr qint64 defaultMaxBodyBytes = 64 * 1024;
    static constexpr qint64 maxBodyKibLimit = 100 * 1024;
    static constexpr int defaultConnections = 4;
    static constexpr int maxConnections = 32;

    // An SQLite file path, or postgresql://user[:password]@host[:port]/database.
    QString database;
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = defaultPort;
    // Both or neither: PEM files of the certificate (chain) and its private key.
    QString tlsCertificate;
    QString tlsKey;
    // Plain HTTP on an address other than loopback only when asked for explicitly.
    bool allowPlainHttp = false;
    qint64 maxBodyBytes = defaultMaxBodyBytes;
    // Database connections, each on a worker thread of its own: reads run side by side, writes
    // still take their turn. On PostgreSQL one more writes decisions in groups (GroupCommit).
    int connections = defaultConnections;
    // The key lockboxd endorses approvers' signing keys with (KeyEndorsement): a key file of its
    // own, outside the database, made on first start. Without it a database writer could add a
    // key in an approver's name and sign for them.
    QString endorsementKeyFile;

    // E-mail to each tenant's approvers (MailNotifier), only when an SMTP URL is given:
    // smtp://host[:port] or smtps://host[:port]. The password is read from a file that only the
    // service's user may read, never given on the command line.
    QString smtpUrl;
    QString smtpFrom;
    QString smtpUser;
    QString smtpPasswordFile;
    // Refuse to send unless the server switches to TLS (STARTTLS) on an smtp:// URL.
    bool smtpStartTls = false;
};

} // namespace lockbox
