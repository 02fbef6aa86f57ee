#include "TestSigning.h"

#include "signing/DecisionStatement.h"
#include "signing/KeyEndorsement.h"
#include "signing/KeyFile.h"
#include "signing/SigningKey.h"
#include "support/ResultAsserts.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace lockbox;

namespace {

DecisionStatement statement()
{
    DecisionStatement s;
    s.requestId = QStringLiteral("0b8f5a52-4d3e-4b7e-9a63-2f1c7d9e8a10");
    s.tenantId = QStringLiteral("contoso.onmicrosoft.com");
    s.requester = QStringLiteral("RKumar@ops.example");
    s.workload = Workload::Exchange;
    s.scope = QStringLiteral("Mailbox of joni@contoso.com");
    s.durationMinutes = 90;
    s.approvalsRequired = 2;
    s.decision = Action::Approve;
    s.approver = QStringLiteral("Megan@Contoso.com");
    s.at = QDateTime(QDate(2026, 11, 24), QTime(9, 30, 15, 250), Qt::UTC);
    return s;
}

} // namespace

void TestSigning::ed25519MatchesRfc8032()
{
    // RFC 8032 section 7.1, TEST 1 and TEST 2.
    Result<SigningKey> one
        = SigningKey::fromSeed(QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    LOCKBOX_VERIFY_OK(one);
    QCOMPARE(one->publicKey().toHex(), QByteArray("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    QCOMPARE(
        one->sign({}).toHex(),
        QByteArray("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
                   "d25bf5f0595bbe24655141438e7a100b"));
    Result<SigningKey> two
        = SigningKey::fromSeed(QByteArray::fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
    LOCKBOX_VERIFY_OK(two);
    QCOMPARE(two->publicKey().toHex(), QByteArray("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    const QByteArray signature = two->sign(QByteArray::fromHex("72"));
    QCOMPARE(
        signature.toHex(),
        QByteArray("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c"
                   "387b2eaeb4302aeeb00d291612bb0c00"));
    QVERIFY(SigningKey::verify(two->publicKey(), QByteArray::fromHex("72"), signature));
}

void TestSigning::signatureRoundTripsAndCatchesTampering()
{
    Result<SigningKey> key = SigningKey::generate();
    LOCKBOX_VERIFY_OK(key);
    QCOMPARE(key->seed().size(), SigningKey::seedBytes);
    QCOMPARE(key->publicKey().size(), SigningKey::publicKeyBytes);
    const QByteArray message = statement().encoded();
    const QByteArray signature = key->sign(message);
    QCOMPARE(signature.size(), SigningKey::signatureBytes);
    QVERIFY(SigningKey::verify(key->publicKey(), message, signature));

    // The same seed is the same key.
    QCOMPARE(SigningKey::fromSeed(key->seed())->publicKey(), key->publicKey());

    // Any change to the statement, the signature or the key is caught.
    DecisionStatement denied = statement();
    denied.decision = Action::Deny;
    QVERIFY(!SigningKey::verify(key->publicKey(), denied.encoded(), signature));
    QByteArray flipped = signature;
    flipped[10] = char(flipped.at(10) ^ 0x01);
    QVERIFY(!SigningKey::verify(key->publicKey(), message, flipped));
    QVERIFY(!SigningKey::verify(SigningKey::generate()->publicKey(), message, signature));
    QVERIFY(!SigningKey::verify(key->publicKey(), message, signature.left(63)));
    QVERIFY(!SigningKey::verify(QByteArray(), message, signature));
}

void TestSigning::damagedKeysAreRefused()
{
    LOCKBOX_COMPARE_ERROR(SigningKey::fromSeed(QByteArray(31, 'x')), Error::Code::InvalidInput);
    LOCKBOX_COMPARE_ERROR(SigningKey::fromSeed({}), Error::Code::InvalidInput);
    const QString fingerprint = SigningKey::fingerprintOf(
        QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    QVERIFY(fingerprint.startsWith(QStringLiteral("SHA256:")));
    QCOMPARE(fingerprint.size(), 7 + 64);
}

void TestSigning::statementEncodingIsCanonical()
{
    // Written out by hand: any change to this encoding needs a new version number.
    QCOMPARE(statement().encoded(),
             QByteArray("lockbox-decision/2\n"
                        "request:36:0b8f5a52-4d3e-4b7e-9a63-2f1c7d9e8a10\n"
                        "tenant:23:contoso.onmicrosoft.com\n"
                        "requester:18:rkumar@ops.example\n"
                        "workload:8:Exchange\n"
                        "scope:27:Mailbox of joni@contoso.com\n"
                        "duration-minutes:2:90\n"
                        "approvals-required:1:2\n"
                        "decision:7:Approve\n"
                        "approver:17:megan@contoso.com\n"
                        "at:24:2026-11-24T09:30:15.250Z\n"));
    // The time zone a computer shows does not matter.
    DecisionStatement local = statement();
    local.at = local.at.toOffsetFromUtc(3600);
    QCOMPARE(local.encoded(), statement().encoded());
    QVERIFY(DecisionStatement::isSigned(Action::Approve) && DecisionStatement::isSigned(Action::Deny)
            && DecisionStatement::isSigned(Action::Revoke));
    QVERIFY(!DecisionStatement::isSigned(Action::Ask) && !DecisionStatement::isSigned(Action::ManagerApprove));
}

void TestSigning::everyFieldIsCoveredAndNoValuePassesForAnother()
{
    const QByteArray original = statement().encoded();
    QList<DecisionStatement> changed(10, statement());
    changed[0].requestId += QLatin1Char('0');
    changed[1].tenantId = QStringLiteral("fabrikam.onmicrosoft.com");
    changed[2].workload = Workload::SharePoint;
    changed[3].scope += QLatin1Char(' ');
    changed[4].durationMinutes = 91;
    changed[5].decision = Action::Revoke;
    changed[6].approver = QStringLiteral("lidia@contoso.com");
    changed[7].at = changed[7].at.addMSecs(1);
    changed[8].requester = QStringLiteral("mallory@ops.example");
    changed[9].approvalsRequired = 1;
    for (const DecisionStatement& other : std::as_const(changed))
        QVERIFY(other.encoded() != original);

    // A scope that carries what looks like the next fields does not forge them: lengths tell.
    DecisionStatement sneaky = statement();
    sneaky.scope = QStringLiteral("x\nduration-minutes:3:240");
    sneaky.durationMinutes = 90;
    DecisionStatement honest = statement();
    honest.scope = QStringLiteral("x");
    honest.durationMinutes = 240;
    QVERIFY(sneaky.encoded() != honest.encoded());
    QVERIFY(sneaky.encoded().contains("scope:24:x\nduration-minutes:3:240\n"));
}

void TestSigning::keyFilesAreTheOwnersAlone()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("megan.key"));
    const SigningKey key = *SigningKey::generate();
    LOCKBOX_VERIFY_OK(KeyFile::write(path, key));
    QCOMPARE(QFileInfo(path).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    Result<SigningKey> read = KeyFile::read(path);
    LOCKBOX_VERIFY_OK(read);
    QCOMPARE(read->publicKey(), key.publicKey());

    // Never over an existing file; refused once others may read it; not a key file at all.
    LOCKBOX_COMPARE_ERROR(KeyFile::write(path, *SigningKey::generate()), Error::Code::InvalidInput);
    QCOMPARE(KeyFile::read(path)->publicKey(), key.publicKey());
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    Result<SigningKey> exposed = KeyFile::read(path);
    LOCKBOX_COMPARE_ERROR(exposed, Error::Code::PermissionDenied);
    QVERIFY2(exposed.error().message().contains(QStringLiteral("chmod 600")), qPrintable(exposed.error().message()));
    const QString other = dir.filePath(QStringLiteral("notes.txt"));
    QFile notes(other);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("lockbox-signing-key/1\nnot base64 at all!\n");
    notes.close();
    QVERIFY(QFile::setPermissions(other, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    LOCKBOX_COMPARE_ERROR(KeyFile::read(other), Error::Code::InvalidInput);
    LOCKBOX_COMPARE_ERROR(KeyFile::read(dir.filePath(QStringLiteral("missing.key"))), Error::Code::NotFound);
}

void TestSigning::endorsementCoversTheWholeRegistration()
{
    const SigningKey service = *SigningKey::generate();
    const SigningKey lidias = *SigningKey::generate();
    RegisteredKey key {QStringLiteral("contoso.onmicrosoft.com"),
                       QStringLiteral("lidia@contoso.com"),
                       lidias.fingerprint(),
                       lidias.publicKey(),
                       QDateTime(QDate(2026, 11, 24), QTime(9, 30, 15, 250), Qt::UTC)};
    QVERIFY(!KeyEndorsement::verify(service.publicKey(), key)); // none yet
    key.endorsement = KeyEndorsement::sign(service, key);
    QVERIFY(KeyEndorsement::verify(service.publicKey(), key));
    QCOMPARE(KeyEndorsement::statement(key),
             QByteArray("lockbox-key-endorsement/1\n"
                        "tenant:23:contoso.onmicrosoft.com\n"
                        "principal:17:lidia@contoso.com\n"
                        "fingerprint:71:")
                 + lidias.fingerprint().toLatin1() + "\npublic-key:44:" + lidias.publicKey().toBase64()
                 + "\nregistered-at:24:2026-11-24T09:30:15.250Z\n");

    // Another service's endorsement, or the same one over another owner, tenant, key or time, fails.
    QVERIFY(!KeyEndorsement::verify(SigningKey::generate()->publicKey(), key));
    QList<RegisteredKey> changed(5, key);
    changed[0].principal = QStringLiteral("megan@contoso.com");
    changed[1].tenantId = QStringLiteral("fabrikam.onmicrosoft.com");
    changed[2].fingerprint = SigningKey::generate()->fingerprint();
    changed[3].registeredAt = key.registeredAt.addMSecs(1);
    changed[4].publicKey = SigningKey::generate()->publicKey(); // the key column changed, not its name
    for (const RegisteredKey& other : std::as_const(changed))
        QVERIFY(!KeyEndorsement::verify(service.publicKey(), other));
}
