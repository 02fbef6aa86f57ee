#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace lockbox {

// An approver's Ed25519 key pair (libsodium's crypto_sign): it signs their decisions, and its
// public half, registered with the store, lets anyone verify them. The secret half never leaves
// the approver's computer (the keychain, or a key file only its owner can read).
class SigningKey
{
public:
    static constexpr int publicKeyBytes = 32;
    static constexpr int seedBytes = 32;
    static constexpr int signatureBytes = 64;

    // A new key pair from the system's secure random source.
    static Result<SigningKey> generate();
    // The key pair of a 32-byte seed (what is stored: the keychain entry or the key file).
    static Result<SigningKey> fromSeed(const QByteArray& seed);

    QByteArray seed() const { return m_seed; }
    QByteArray publicKey() const { return m_publicKey; }
    QString fingerprint() const { return fingerprintOf(m_publicKey); }

    // The detached signature of `message`.
    QByteArray sign(const QByteArray& message) const;

    // Whether `signature` is `publicKey`'s over `message`.
    static bool verify(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature);
    // "SHA256:3f9a…": the SHA-256 of the public key, as people compare it (like ssh-keygen -l).
    static QString fingerprintOf(const QByteArray& publicKey);

private:
    QByteArray m_seed;
    QByteArray m_publicKey;
    QByteArray m_secretKey; // libsodium's form: the seed followed by the public key
};

} // namespace lockbox
