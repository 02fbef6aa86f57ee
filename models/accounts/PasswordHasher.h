#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QString>

namespace lockbox {

// Passwords are kept only as libsodium Argon2id hashes (memory-hard, salted, self-describing
// "$argon2id$v=19$m=...,t=...,p=...$salt$hash" strings). Verifying costs tens of milliseconds on
// purpose: callers run it away from the GUI thread and the store's worker.
class PasswordHasher
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::PasswordHasher)

public:
    static constexpr int minimumLength = 12;

    // Refuses passwords too short or too long to be sensible, with a message for the person.
    static Status checkStrength(const QString& password);
    static Result<QString> hash(const QString& password);
    // False for a wrong password and for a malformed hash.
    static bool verify(const QString& hash, const QString& password);
    // A hash made with weaker limits than today's: re-hash after a successful sign-in.
    static bool needsRehash(const QString& hash);
};

} // namespace lockbox
