#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// One lockboxd process on a test database: started on a free port (or the port it had, to come
// back after stop()), stopped when the test is done. LOCKBOXD_PATH is the built service.
class ServiceProcess
{
public:
    explicit ServiceProcess(QString lockboxdPath);
    ~ServiceProcess();

    // Serves HTTPS with this certificate and key from the next start() on.
    void useTls(const QString& certificatePath, const QString& keyPath);
    // Endorses signing keys with the key in this file (a StoreFixture's, so that the keys the
    // fixture registered count); without it, a key file of its own in a temporary folder.
    void useEndorsementKey(const QString& keyFile) { m_endorsementKey = keyFile; }
    // Starts lockboxd on `database` (port 0 picks a free one, which port() then tells).
    bool start(const QString& database, QString* problem, quint16 port = 0);
    // Stops it the way systemd does (SIGTERM), then kills it if it does not end.
    void stop();
    quint16 port() const { return m_port; }
    QString url(const QString& path = {}) const;

private:
    QString m_program;
    QProcess m_process;
    quint16 m_port = 0;
    QStringList m_tlsArguments;
    QTemporaryDir m_dir;
    QString m_endorsementKey;
};
