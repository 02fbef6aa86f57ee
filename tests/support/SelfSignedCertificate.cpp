#include "SelfSignedCertificate.h"

#include <QProcess>

bool SelfSignedCertificate::create(QString* problem)
{
    if (!m_dir.isValid()) {
        *problem = QStringLiteral("No temporary folder for the certificate: ") + m_dir.errorString();
        return false;
    }
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"),
                   QStringLiteral("-x509"),
                   QStringLiteral("-newkey"),
                   QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"),
                   QStringLiteral("-nodes"),
                   QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"),
                   QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
                   QStringLiteral("-days"),
                   QStringLiteral("2"),
                   QStringLiteral("-keyout"),
                   keyPath(),
                   QStringLiteral("-out"),
                   certificatePath()});
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        *problem = QStringLiteral("openssl could not make a self-signed certificate: ")
            + QString::fromLocal8Bit(openssl.readAllStandardError()) + openssl.errorString();
        return false;
    }
    return true;
}
