#pragma once

#include "core/Result.h"

#include <QFuture>
#include <QSslCertificate>
#include <QUrl>

namespace lockbox {

// Fetches the certificate a TLS service presents, without trusting it and without sending
// anything: so that the admin can be shown a self-signed certificate's fingerprint and decide
// whether to pin it. Runs on the calling thread's event loop; never blocks it.
class CertificateProbe
{
public:
    static QFuture<Result<QSslCertificate>> fetch(const QUrl& serviceUrl, int timeoutMilliseconds = 10'000);
    // "AB:CD:…" (SHA-256), as browsers show it.
    static QString fingerprint(const QSslCertificate& certificate);
};

} // namespace lockbox
