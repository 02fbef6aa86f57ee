#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace lockbox {

// An approver's public signing key as the store keeps it: whose it is, in which tenant, and when
// it was registered (the registration is audited). Its fingerprint is how people compare it.
struct RegisteredKey
{
    QString tenantId;
    QString principal;
    QString fingerprint; // "SHA256:…" (SigningKey::fingerprintOf)
    QByteArray publicKey; // 32 bytes, Ed25519
    QDateTime registeredAt;
};

} // namespace lockbox
