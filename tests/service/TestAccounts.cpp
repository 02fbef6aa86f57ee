#include "TestAccounts.h"

#include "accounts/PasswordHasher.h"
#include "accounts/QrCode.h"
#include "accounts/Totp.h"
#include "audit/AuditOperation.h"
#include "store/AccountRepository.h"
#include "support/RawDatabase.h"
#include "support/ResultAsserts.h"
#include "support/StoreFixture.h"

#include <QTest>

using namespace lockbox;

namespace {

const QString password = QStringLiteral("correct-horse-battery-staple");

SignInAttempt attempt(const Actor& who, const QString& secret = password, const QString& code = {})
{
    return SignInAttempt {who.tenantId, who.principal, secret, code, QStringLiteral("192.0.2.7")};
}

QStringList operations(StoreFixture& fixture, const Actor& reader)
{
    AuditQuery query;
    query.limit = 1000;
    Result<Page<AuditRecord>> page = fixture.store().auditRecords(reader, query).result();
    QStringList names;
    if (page) {
        for (const AuditRecord& record : page->items)
            names.append(record.operation);
    }
    return names;
}

} // namespace

void TestAccounts::totpMatchesRfc6238Vectors_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QString>("expected");
    // RFC 6238 appendix B: 8 digits, seeds "12345678901234567890" repeated to the hash's size.
    const QList<std::tuple<qint64, QString, QString, QString>> vectors = {
        {59, QStringLiteral("94287082"), QStringLiteral("46119246"), QStringLiteral("90693936")},
        {1111111109, QStringLiteral("07081804"), QStringLiteral("68084774"), QStringLiteral("25091201")},
        {1111111111, QStringLiteral("14050471"), QStringLiteral("67062674"), QStringLiteral("99943326")},
        {1234567890, QStringLiteral("89005924"), QStringLiteral("91819424"), QStringLiteral("93441116")},
        {2000000000, QStringLiteral("69279037"), QStringLiteral("90698825"), QStringLiteral("38618901")},
        {20000000000, QStringLiteral("65353130"), QStringLiteral("77737706"), QStringLiteral("47863826")},
    };
    for (const auto& [time, sha1, sha256, sha512] : vectors) {
        QTest::addRow("SHA1 at %lld", time) << time << int(Totp::Algorithm::Sha1) << sha1;
        QTest::addRow("SHA256 at %lld", time) << time << int(Totp::Algorithm::Sha256) << sha256;
        QTest::addRow("SHA512 at %lld", time) << time << int(Totp::Algorithm::Sha512) << sha512;
    }
}

void TestAccounts::totpMatchesRfc6238Vectors()
{
    QFETCH(qint64, time);
    QFETCH(int, algorithm);
    QFETCH(QString, expected);
    const auto chosen = Totp::Algorithm(algorithm);
    const int size = chosen == Totp::Algorithm::Sha1 ? 20 : chosen == Totp::Algorithm::Sha256 ? 32 : 64;
    QByteArray seed;
    while (seed.size() < size)
        seed += "1234567890";
    seed.truncate(size);
    QCOMPARE(Totp::code(seed, QDateTime::fromSecsSinceEpoch(time, Qt::UTC), 8, chosen), expected);
}

void TestAccounts::totpAcceptsOneStepOfDriftAndNoMore()
{
    const QByteArray secret = Totp::generateSecret();
    QCOMPARE(secret.size(), 20);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);
    const QString code = Totp::code(secret, now);
    QCOMPARE(code.size(), 6);
    QCOMPARE(Totp::verify(secret, code, now), std::optional<qint64>(1800000000 / 30));
    QVERIFY(Totp::verify(secret, code, now.addSecs(30)).has_value());
    QVERIFY(Totp::verify(secret, code, now.addSecs(-30)).has_value());
    QVERIFY(!Totp::verify(secret, code, now.addSecs(90)).has_value());
    QVERIFY(!Totp::verify(secret, QStringLiteral("12345"), now).has_value());
    QVERIFY(!Totp::verify(secret, QStringLiteral("abcdef"), now).has_value());
    QVERIFY(!Totp::verify(Totp::generateSecret(), code, now).has_value());
}

void TestAccounts::base32RoundTripsAndUriNamesTheAccount()
{
    const QByteArray secret = Totp::generateSecret();
    const QString text = Totp::toBase32(secret);
    QCOMPARE(text.size(), 32);
    QCOMPARE(Totp::fromBase32(text), std::optional<QByteArray>(secret));
    QCOMPARE(Totp::fromBase32(text.toLower()), std::optional<QByteArray>(secret));
    QVERIFY(!Totp::fromBase32(QStringLiteral("not base32!")).has_value());
    const QString uri = Totp::uri(secret, QStringLiteral("Lockbox"), QStringLiteral("megan@contoso.com@contoso"));
    QVERIFY2(uri.startsWith(QLatin1String("otpauth://totp/Lockbox:megan@contoso.com@contoso?")), qPrintable(uri));
    QVERIFY(uri.contains(QStringLiteral("secret=") + text));
    QVERIFY(uri.contains(QLatin1String("issuer=Lockbox")));
}

void TestAccounts::passwordsAreHashedWithArgon2id()
{
    Result<QString> hash = PasswordHasher::hash(password);
    LOCKBOX_VERIFY_OK(hash);
    QVERIFY2(hash->startsWith(QLatin1String("$argon2id$")), qPrintable(*hash));
    QVERIFY(!hash->contains(password));
    QVERIFY(PasswordHasher::verify(*hash, password));
    QVERIFY(!PasswordHasher::verify(*hash, password + u'!'));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("not a hash"), password));
    // Salted: the same password twice gives two different hashes.
    QVERIFY(PasswordHasher::hash(password).value() != *hash);
}

void TestAccounts::weakPasswordsAreRefused()
{
    LOCKBOX_COMPARE_ERROR(PasswordHasher::checkStrength(QStringLiteral("short")), Error::Code::InvalidInput);
    LOCKBOX_COMPARE_ERROR(PasswordHasher::checkStrength(QString(12, u' ')), Error::Code::InvalidInput);
    LOCKBOX_COMPARE_ERROR(PasswordHasher::checkStrength(QString(2000, u'a')), Error::Code::InvalidInput);
    LOCKBOX_VERIFY_OK(PasswordHasher::checkStrength(password));
    LOCKBOX_STORE_FIXTURE(fixture);
    LOCKBOX_COMPARE_ERROR(
        fixture.store()
            .addAccount(StoreFixture::contoso, QStringLiteral("megan@contoso.com"), QStringLiteral("abc"))
            .result(),
        Error::Code::InvalidInput);
}

void TestAccounts::qrCodeEncodesTheUri()
{
    const QrCode code = QrCode::encode(QStringLiteral("otpauth://totp/Lockbox:megan?secret=ABC&issuer=Lockbox"));
    QVERIFY(!code.isNull());
    QVERIFY(code.size() >= 21);
    // The three finder patterns: dark corners.
    QVERIFY(code.isDark(0, 0));
    QVERIFY(code.isDark(code.size() - 1, 0));
    QVERIFY(code.isDark(0, code.size() - 1));
    const QString text = code.toText();
    QCOMPARE(text.count(u'\n'), (code.size() + 4 + 1) / 2);
}

void TestAccounts::signInNeedsTheRightPasswordAndIsAudited()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(fixture.store().addAccount(megan.tenantId, megan.principal, password).result());
    LOCKBOX_COMPARE_ERROR(fixture.store().addAccount(megan.tenantId, megan.principal, password).result(),
                          Error::Code::Conflict);
    LOCKBOX_COMPARE_ERROR(fixture.store().addAccount(QStringLiteral("nowhere"), megan.principal, password).result(),
                          Error::Code::NotFound);

    Result<AuthSession> wrong
        = fixture.store().signInWithPassword(attempt(megan, QStringLiteral("wrong-horse-battery"))).result();
    LOCKBOX_COMPARE_ERROR(wrong, Error::Code::Unauthenticated);
    Result<AuthSession> session = fixture.store().signInWithPassword(attempt(megan)).result();
    LOCKBOX_VERIFY_OK(session);
    QVERIFY(session->token.startsWith(QLatin1String("lbx_")));
    QCOMPARE(session->actor.role, Role::GlobalAdministrator);
    QCOMPARE(session->expiresAt, fixture.clock().now().addSecs(AuthSession::tokenLifetimeMinutes * 60));
    QVERIFY(!session->mfaEnrolled);
    QVERIFY(!session->isSteppedUp(fixture.clock().now()));

    const QStringList logged = operations(fixture, megan);
    QVERIFY(logged.contains(AuditOperation::AccountCreated));
    QVERIFY(logged.contains(AuditOperation::SignInFailed));
    QVERIFY(logged.contains(AuditOperation::SignIn));
    Result<AuthSession> known = fixture.store().authenticate(session->token).result();
    LOCKBOX_VERIFY_OK(known);
    QCOMPARE(known->actor.principal, megan.principal);
}

void TestAccounts::unknownUserAndWrongPasswordReadTheSame()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(fixture.store().addAccount(megan.tenantId, megan.principal, password).result());
    Result<AuthSession> wrong
        = fixture.store().signInWithPassword(attempt(megan, QStringLiteral("wrong-horse-battery"))).result();
    Result<AuthSession> unknown
        = fixture.store()
              .signInWithPassword(attempt(Actor {QStringLiteral("nobody@contoso.com"), StoreFixture::contoso}))
              .result();
    LOCKBOX_COMPARE_ERROR(wrong, Error::Code::Unauthenticated);
    LOCKBOX_COMPARE_ERROR(unknown, Error::Code::Unauthenticated);
    QCOMPARE(unknown.error().message(), wrong.error().message());
}

void TestAccounts::fiveFailuresLockTheAccountUntilReset()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    const Actor lidia = StoreFixture::lidia();
    LOCKBOX_VERIFY_OK(fixture.store().addAccount(lidia.tenantId, lidia.principal, password).result());
    for (int i = 0; i < AccountRepository::maxFailedAttempts; ++i)
        LOCKBOX_COMPARE_ERROR(
            fixture.store().signInWithPassword(attempt(lidia, QStringLiteral("wrong-horse-battery"))).result(),
            Error::Code::Unauthenticated);
    // Locked: even the right password is refused, with when to try again.
    Result<AuthSession> locked = fixture.store().signInWithPassword(attempt(lidia)).result();
    LOCKBOX_COMPARE_ERROR(locked, Error::Code::RateLimited);
    QVERIFY(operations(fixture, StoreFixture::megan()).contains(AuditOperation::AccountLocked));
    // The lock ends by itself after its minutes, or at once with a reset.
    fixture.clock().advanceSeconds(AccountRepository::lockoutMinutes * 60 - 1);
    LOCKBOX_COMPARE_ERROR(fixture.store().signInWithPassword(attempt(lidia)).result(), Error::Code::RateLimited);
    LOCKBOX_VERIFY_OK(fixture.store().resetAccount(lidia.tenantId, lidia.principal, std::nullopt, false).result());
    LOCKBOX_VERIFY_OK(fixture.store().signInWithPassword(attempt(lidia)).result());
    // A new password replaces the old one.
    LOCKBOX_VERIFY_OK(fixture.store()
                          .resetAccount(lidia.tenantId, lidia.principal, QStringLiteral("another-long-password"), false)
                          .result());
    LOCKBOX_COMPARE_ERROR(fixture.store().signInWithPassword(attempt(lidia)).result(), Error::Code::Unauthenticated);
    LOCKBOX_VERIFY_OK(
        fixture.store().signInWithPassword(attempt(lidia, QStringLiteral("another-long-password"))).result());
}

void TestAccounts::enrolledAccountNeedsTheCodeAndRefusesItsReplay()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(fixture.store().addAccount(megan.tenantId, megan.principal, password).result());
    Result<MfaEnrolment> enrolment = fixture.store().enrolMfa(megan.tenantId, megan.principal).result();
    LOCKBOX_VERIFY_OK(enrolment);
    LOCKBOX_COMPARE_ERROR(fixture.store().enrolMfa(megan.tenantId, megan.principal).result(), Error::Code::Conflict);
    const QByteArray secret = Totp::fromBase32(enrolment->secret).value();

    LOCKBOX_COMPARE_ERROR(fixture.store().signInWithPassword(attempt(megan)).result(), Error::Code::MfaRequired);
    LOCKBOX_COMPARE_ERROR(
        fixture.store().signInWithPassword(attempt(megan, password, QStringLiteral("000000"))).result(),
        Error::Code::Unauthenticated);
    const QString code = Totp::code(secret, fixture.clock().now());
    Result<AuthSession> session = fixture.store().signInWithPassword(attempt(megan, password, code)).result();
    LOCKBOX_VERIFY_OK(session);
    QVERIFY(session->mfaEnrolled);
    QVERIFY(session->isSteppedUp(fixture.clock().now()));
    // The same code again, within its 30 seconds: refused, it was used.
    LOCKBOX_COMPARE_ERROR(fixture.store().signInWithPassword(attempt(megan, password, code)).result(),
                          Error::Code::Unauthenticated);
    fixture.clock().advanceSeconds(30);
    LOCKBOX_VERIFY_OK(fixture.store()
                          .signInWithPassword(attempt(megan, password, Totp::code(secret, fixture.clock().now())))
                          .result());
    // A reset removes the second factor.
    LOCKBOX_VERIFY_OK(fixture.store().resetAccount(megan.tenantId, megan.principal, std::nullopt, true).result());
    LOCKBOX_VERIFY_OK(fixture.store().signInWithPassword(attempt(megan)).result());
}

void TestAccounts::stepUpHoldsForFiveMinutes()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    const Actor lidia = StoreFixture::lidia();
    LOCKBOX_VERIFY_OK(fixture.store().addAccount(lidia.tenantId, lidia.principal, password).result());
    Result<AuthSession> session = fixture.store().signInWithPassword(attempt(lidia)).result();
    LOCKBOX_VERIFY_OK(session);
    // No authenticator yet: step-up is impossible, and says so.
    LOCKBOX_COMPARE_ERROR(fixture.store().stepUp(session->token, QStringLiteral("123456")).result(),
                          Error::Code::InvalidState);
    Result<MfaEnrolment> enrolment = fixture.store().enrolMfa(session->token).result();
    LOCKBOX_VERIFY_OK(enrolment);
    const QByteArray secret = Totp::fromBase32(enrolment->secret).value();
    fixture.clock().advanceSeconds(30);
    LOCKBOX_COMPARE_ERROR(fixture.store().stepUp(session->token, QStringLiteral("000000")).result(),
                          Error::Code::StepUpRequired);
    Result<AuthSession> stepped
        = fixture.store().stepUp(session->token, Totp::code(secret, fixture.clock().now())).result();
    LOCKBOX_VERIFY_OK(stepped);
    const QDateTime at = fixture.clock().now();
    fixture.clock().advanceSeconds(AuthSession::stepUpMinutes * 60 - 1);
    QVERIFY(fixture.store().authenticate(session->token).result()->isSteppedUp(fixture.clock().now()));
    fixture.clock().set(at.addSecs(AuthSession::stepUpMinutes * 60));
    QVERIFY(!fixture.store().authenticate(session->token).result()->isSteppedUp(fixture.clock().now()));
    const QStringList logged = operations(fixture, lidia);
    QVERIFY(logged.contains(AuditOperation::MfaEnrolled));
    QVERIFY(logged.contains(AuditOperation::StepUpFailed));
    QVERIFY(logged.contains(AuditOperation::StepUp));
}

void TestAccounts::tokensExpireAndSignOutEndsThem()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(fixture.store().addAccount(megan.tenantId, megan.principal, password).result());
    const QString first = fixture.store().signInWithPassword(attempt(megan)).result()->token;
    const QString second = fixture.store().signInWithPassword(attempt(megan)).result()->token;
    QVERIFY(first != second);
    LOCKBOX_VERIFY_OK(fixture.store().signOut(first).result());
    LOCKBOX_COMPARE_ERROR(fixture.store().authenticate(first).result(), Error::Code::Unauthenticated);
    LOCKBOX_VERIFY_OK(fixture.store().authenticate(second).result());
    fixture.clock().advanceSeconds(AuthSession::tokenLifetimeMinutes * 60 - 1);
    LOCKBOX_VERIFY_OK(fixture.store().authenticate(second).result());
    fixture.clock().advanceSeconds(1);
    LOCKBOX_COMPARE_ERROR(fixture.store().authenticate(second).result(), Error::Code::Unauthenticated);
    LOCKBOX_COMPARE_ERROR(fixture.store().authenticate(QStringLiteral("lbx_forged")).result(),
                          Error::Code::Unauthenticated);
    LOCKBOX_COMPARE_ERROR(fixture.store().authenticate(QString()).result(), Error::Code::Unauthenticated);
}

void TestAccounts::removedRoleEndsTheSession()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    const Actor diego = StoreFixture::diego();
    LOCKBOX_VERIFY_OK(fixture.store().addAccount(diego.tenantId, diego.principal, password).result());
    const QString token = fixture.store().signInWithPassword(attempt(diego)).result()->token;
    Actor megan = fixture.store().resolveActor(StoreFixture::megan()).result().value();
    LOCKBOX_VERIFY_OK(
        fixture.store().setRole(megan, RoleAssignment {diego.tenantId, diego.principal, {}, Role::None}).result());
    LOCKBOX_COMPARE_ERROR(fixture.store().authenticate(token).result(), Error::Code::Unauthenticated);
    // And no new session without a role, audited as a failed sign-in.
    LOCKBOX_COMPARE_ERROR(fixture.store().signInWithPassword(attempt(diego)).result(), Error::Code::PermissionDenied);
}

void TestAccounts::tokensAreStoredOnlyAsHashes()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(fixture.store().addAccount(megan.tenantId, megan.principal, password).result());
    const QString token = fixture.store().signInWithPassword(attempt(megan)).result()->token;
    fixture.closeStore();
    QFile file(fixture.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    QFile wal(fixture.path() + QStringLiteral("-wal"));
    if (wal.open(QIODevice::ReadOnly))
        bytes += wal.readAll();
    QVERIFY(!bytes.contains(token.toLatin1()));
    QVERIFY(!bytes.contains(password.toUtf8()));
    QVERIFY(bytes.contains(AccountRepository::tokenHash(token).toLatin1()));
}
