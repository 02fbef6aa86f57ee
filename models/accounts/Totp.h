#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <optional>

namespace lockbox {

// Time-based one-time passwords (RFC 6238) through liboath: the second factor of sign-in and of
// step-up before a decision. Secrets are 20 random bytes, shown to people as base32 in an
// otpauth:// URI that authenticator apps read (as text or as a QR code).
class Totp
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::Totp)

public:
    enum class Algorithm { Sha1, Sha256, Sha512 };
    static constexpr int stepSeconds = 30;
    static constexpr int digits = 6;

    static QByteArray generateSecret();
    static QString toBase32(const QByteArray& secret);
    static std::optional<QByteArray> fromBase32(const QString& base32);

    // The code at `at`; `codeDigits` and `algorithm` other than the defaults are for RFC 6238's
    // published vectors (8 digits, SHA-256/512).
    static QString
    code(const QByteArray& secret, const QDateTime& at, int codeDigits = digits, Algorithm algorithm = Algorithm::Sha1);
    // The time step (counter) a code belongs to when it is valid at `at`, allowing one step of
    // clock drift either way; nothing when it is not. Callers refuse a step they already
    // accepted, so that a code cannot be replayed.
    static std::optional<qint64> verify(const QByteArray& secret, const QString& code, const QDateTime& at);

    // otpauth://totp/Lockbox:megan.bowen@contoso?secret=...&issuer=Lockbox&algorithm=SHA1&digits=6&period=30
    static QString uri(const QByteArray& secret, const QString& issuer, const QString& account);
};

} // namespace lockbox
