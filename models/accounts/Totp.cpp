#include "Totp.h"

#include "SodiumLibrary.h"

#include <QUrl>
#include <QUrlQuery>
#include <cstdlib>
#include <liboath/oath.h>

namespace lockbox {

namespace {

bool oathReady()
{
    static const bool ready = oath_init() == OATH_OK;
    return ready;
}

int oathFlags(Totp::Algorithm algorithm)
{
    switch (algorithm) {
    case Totp::Algorithm::Sha256:
        return OATH_TOTP_HMAC_SHA256;
    case Totp::Algorithm::Sha512:
        return OATH_TOTP_HMAC_SHA512;
    case Totp::Algorithm::Sha1:
        break;
    }
    return 0;
}

} // namespace

QByteArray Totp::generateSecret()
{
    return SodiumLibrary::randomBytes(20);
}

QString Totp::toBase32(const QByteArray& secret)
{
    char* out = nullptr;
    size_t length = 0;
    if (!oathReady()
        || oath_base32_encode(secret.constData(), static_cast<size_t>(secret.size()), &out, &length) != OATH_OK)
        return {};
    QString encoded = QString::fromLatin1(out, static_cast<qsizetype>(length));
    std::free(out);
    // Authenticator apps expect no padding.
    while (encoded.endsWith(QLatin1Char('=')))
        encoded.chop(1);
    return encoded;
}

std::optional<QByteArray> Totp::fromBase32(const QString& base32)
{
    QByteArray in = base32.toUpper().remove(QLatin1Char(' ')).toLatin1();
    while (in.size() % 8 != 0)
        in.append('=');
    char* out = nullptr;
    size_t length = 0;
    if (!oathReady() || in.isEmpty()
        || oath_base32_decode(in.constData(), static_cast<size_t>(in.size()), &out, &length) != OATH_OK)
        return std::nullopt;
    QByteArray secret(out, static_cast<qsizetype>(length));
    std::free(out);
    return secret;
}

QString Totp::code(const QByteArray& secret, const QDateTime& at, int codeDigits, Algorithm algorithm)
{
    char out[16] = {};
    if (!oathReady() || codeDigits < 6 || codeDigits > 8
        || oath_totp_generate2(secret.constData(),
                               static_cast<size_t>(secret.size()),
                               static_cast<time_t>(at.toSecsSinceEpoch()),
                               stepSeconds,
                               0,
                               static_cast<unsigned>(codeDigits),
                               oathFlags(algorithm),
                               out)
            != OATH_OK)
        return {};
    return QString::fromLatin1(out);
}

std::optional<qint64> Totp::verify(const QByteArray& secret, const QString& code, const QDateTime& at)
{
    const QString trimmed = code.trimmed().remove(QLatin1Char(' '));
    if (!oathReady() || secret.isEmpty() || trimmed.size() != digits)
        return std::nullopt;
    for (const QChar c : trimmed) {
        if (!c.isDigit())
            return std::nullopt;
    }
    const QByteArray otp = trimmed.toLatin1();
    int position = 0;
    uint64_t counter = 0;
    const int rc = oath_totp_validate3(secret.constData(),
                                       static_cast<size_t>(secret.size()),
                                       static_cast<time_t>(at.toSecsSinceEpoch()),
                                       stepSeconds,
                                       0,
                                       1,
                                       &position,
                                       &counter,
                                       otp.constData());
    if (rc < 0)
        return std::nullopt;
    return static_cast<qint64>(counter);
}

QString Totp::uri(const QByteArray& secret, const QString& issuer, const QString& account)
{
    QUrl url;
    url.setScheme(QStringLiteral("otpauth"));
    url.setHost(QStringLiteral("totp"));
    url.setPath(QLatin1Char('/') + issuer + QLatin1Char(':') + account);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("secret"), toBase32(secret));
    query.addQueryItem(QStringLiteral("issuer"), issuer);
    query.addQueryItem(QStringLiteral("algorithm"), QStringLiteral("SHA1"));
    query.addQueryItem(QStringLiteral("digits"), QString::number(digits));
    query.addQueryItem(QStringLiteral("period"), QString::number(stepSeconds));
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace lockbox
