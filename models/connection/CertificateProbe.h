#pragma once

#include "core/Result.h"

#include <QFuture>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

namespace lockbox {

// Fetches the certificate chain a TLS service presents, without trusting it and without sending
// anything: so that the admin can be shown a self-signed certificate's fingerprint and decide
// whether to pin it. Runs on the calling thread's event loop; never blocks it.
class CertificateProbe
{
public:
    // The service's certificate first.
    static QFuture<Result<QList<QSslCertificate>>> fetch(const QUrl& serviceUrl, int timeoutMilliseconds = 10'000);
    // Whether what the system trusts vouches for `chain` as `host`'s: empty when it does, else why not.
    static QList<QSslError> trustProblems(const QList<QSslCertificate>& chain, const QString& host);
    // "AB:CD:…" (SHA-256), as browsers show it.
    static QString fingerprint(const QSslCertificate& certificate);
};

} // namespace lockbox
