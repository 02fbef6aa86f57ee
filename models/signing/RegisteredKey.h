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
    // The registering service's endorsement (KeyEndorsement); empty when none was made.
    QByteArray endorsement;
    // Whether the store vouches for the key: endorsed by the store's endorsement key, or any key
    // when the store has none (a local store). Decisions signed with a key it does not vouch for
    // do not count.
    bool trusted = true;
};

} // namespace lockbox
