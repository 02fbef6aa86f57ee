#include "PasswordHasher.h"

#include "SodiumLibrary.h"

#include <sodium.h>

namespace lockbox {

namespace {

// The INTERACTIVE limits: about 44 ms and 64 MiB a hash on our reference machine.
constexpr unsigned long long opsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t memLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
constexpr int maximumLength = 1024;

} // namespace

Status PasswordHasher::checkStrength(const QString& password)
{
    if (password.size() < minimumLength)
        return Error(Error::Code::InvalidInput,
                     tr("The password is too short: use at least %1 characters.").arg(minimumLength));
    if (password.size() > maximumLength)
        return Error(Error::Code::InvalidInput,
                     tr("The password is too long: use at most %1 characters.").arg(maximumLength));
    if (password.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("The password must not be only spaces."));
    return Status::success();
}

Result<QString> PasswordHasher::hash(const QString& password)
{
    if (Status ready = SodiumLibrary::initialize(); !ready)
        return ready.error();
    if (Status strong = checkStrength(password); !strong)
        return strong.error();
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()), opsLimit, memLimit) != 0)
        return Error(Error::Code::Internal,
                     tr("Hashing the password ran out of memory (Argon2id needs %1 MiB).").arg(memLimit >> 20));
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString& hash, const QString& password)
{
    if (!SodiumLibrary::initialize() || password.size() > maximumLength)
        return false;
    const QByteArray stored = hash.toLatin1();
    if (stored.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size()))
        == 0;
}

bool PasswordHasher::needsRehash(const QString& hash)
{
    const QByteArray stored = hash.toLatin1();
    return crypto_pwhash_str_needs_rehash(stored.constData(), opsLimit, memLimit) != 0;
}

} // namespace lockbox
