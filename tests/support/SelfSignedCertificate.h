#pragma once

#include <QString>
#include <QTemporaryDir>

// A throwaway self-signed certificate and key for 127.0.0.1 (and localhost), made with the
// openssl command line into a temporary folder: what a TLS lockboxd under test serves.
class SelfSignedCertificate
{
public:
    // Makes the pair; false with the reason in `problem` when openssl could not.
    bool create(QString* problem);
    QString certificatePath() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    QString keyPath() const { return m_dir.filePath(QStringLiteral("key.pem")); }

private:
    QTemporaryDir m_dir;
};
