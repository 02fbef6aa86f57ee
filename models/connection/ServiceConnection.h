#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace lockbox {

// One way to a Lockbox service that the Admin Center remembers for next time: where, as whom, and
// the self-signed certificate the admin chose to trust. Never a secret: the token and the
// password live in the keychain (CredentialVault).
struct ServiceConnection
{
    QUrl url; // "https://lockbox.example:8443"
    QString tenant;
    QString user;
    // SHA-256 of the service's certificate that the admin accepted, hex; empty when the system's
    // certificate authorities vouch for it.
    QByteArray pinnedSha256;

    bool isValid() const { return url.isValid() && !tenant.isEmpty() && !user.isEmpty(); }
    // "megan@contoso.com at contoso.onmicrosoft.com on https://lockbox.example:8443"
    QString label() const;
    friend bool operator==(const ServiceConnection&, const ServiceConnection&) = default;
};

} // namespace lockbox
