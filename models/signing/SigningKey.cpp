#include "SigningKey.h"

#include "accounts/SodiumLibrary.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <sodium.h>

namespace lockbox {

static_assert(SigningKey::publicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(SigningKey::seedBytes == crypto_sign_SEEDBYTES);
static_assert(SigningKey::signatureBytes == crypto_sign_BYTES);

Result<SigningKey> SigningKey::generate()
{
    if (Status ready = SodiumLibrary::initialize(); !ready)
        return ready.error();
    return fromSeed(SodiumLibrary::randomBytes(seedBytes));
}

Result<SigningKey> SigningKey::fromSeed(const QByteArray& seed)
{
    if (Status ready = SodiumLibrary::initialize(); !ready)
        return ready.error();
    if (seed.size() != seedBytes)
        return Error(Error::Code::InvalidInput,
                     QCoreApplication::translate("lockbox::SigningKey",
                                                 "A signing key is %1 bytes; this one has %2. The key is damaged: "
                                                 "create a new one and register it.")
                         .arg(seedBytes)
                         .arg(seed.size()));
    SigningKey key;
    key.m_seed = seed;
    key.m_publicKey.resize(crypto_sign_PUBLICKEYBYTES);
    key.m_secretKey.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(key.m_publicKey.data()),
                             reinterpret_cast<unsigned char*>(key.m_secretKey.data()),
                             reinterpret_cast<const unsigned char*>(seed.constData()));
    return key;
}

QByteArray SigningKey::sign(const QByteArray& message) const
{
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()),
                         nullptr,
                         reinterpret_cast<const unsigned char*>(message.constData()),
                         quint64(message.size()),
                         reinterpret_cast<const unsigned char*>(m_secretKey.constData()));
    return signature;
}

bool SigningKey::verify(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature)
{
    if (!SodiumLibrary::initialize() || publicKey.size() != crypto_sign_PUBLICKEYBYTES
        || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                       reinterpret_cast<const unsigned char*>(message.constData()),
                                       quint64(message.size()),
                                       reinterpret_cast<const unsigned char*>(publicKey.constData()))
        == 0;
}

QString SigningKey::fingerprintOf(const QByteArray& publicKey)
{
    return QStringLiteral("SHA256:")
        + QString::fromLatin1(QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).toHex());
}

} // namespace lockbox
