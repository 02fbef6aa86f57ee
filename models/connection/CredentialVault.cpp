#include "CredentialVault.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#include <QPromise>
#include <memory>
#include <qt6keychain/keychain.h>

namespace lockbox {

namespace {

QString nameOf(CredentialVault::Secret kind)
{
    switch (kind) {
    case CredentialVault::Secret::Token:
        return QCoreApplication::translate("lockbox::CredentialVault", "service token");
    case CredentialVault::Secret::Password:
        return QCoreApplication::translate("lockbox::CredentialVault", "password");
    case CredentialVault::Secret::SigningKey:
        return QCoreApplication::translate("lockbox::CredentialVault", "signing key");
    }
    return {};
}

QString entryKey(const QString& accountKey, CredentialVault::Secret kind)
{
    switch (kind) {
    case CredentialVault::Secret::Token:
        return accountKey + QStringLiteral("/token");
    case CredentialVault::Secret::Password:
        return accountKey + QStringLiteral("/password");
    case CredentialVault::Secret::SigningKey:
        return accountKey + QStringLiteral("/signing-key");
    }
    return accountKey;
}

enum class Operation { Read, Write, Remove };

Error unavailable(const QString& why, CredentialVault::Secret kind)
{
    return Error(Error::Code::Unavailable,
                 QCoreApplication::translate(
                     "lockbox::CredentialVault",
                     "No keychain is available (%1), so the Admin Center cannot remember the %2 and will ask for it "
                     "each time. To have it remembered, run a Secret Service such as gnome-keyring or KWallet in your "
                     "desktop session and unlock it.")
                     .arg(why, nameOf(kind)));
}

// QtKeychain's error for a job that failed, as a Lockbox error. `serviceUsable` is whether the
// Secret Service looked usable when asked after the failure (see secretServiceUsable()).
Error errorFor(
    QKeychain::Error code, const QString& text, CredentialVault::Secret kind, Operation operation, bool serviceUsable)
{
    switch (code) {
    case QKeychain::EntryNotFound:
        return Error(
            Error::Code::NotFound,
            QCoreApplication::translate("lockbox::CredentialVault", "No %1 is stored in the keychain for this account.")
                .arg(nameOf(kind)));
    case QKeychain::AccessDeniedByUser:
        return Error(Error::Code::PermissionDenied,
                     QCoreApplication::translate(
                         "lockbox::CredentialVault",
                         "Access to the keychain was declined, so the %1 is not remembered: the Admin Center will ask "
                         "for it each time. Allow access when the keychain asks, to remember it.")
                         .arg(nameOf(kind)));
    case QKeychain::AccessDenied: // libsecret's "collection is locked"
        return unavailable(
            QCoreApplication::translate("lockbox::CredentialVault", "it is locked or refused access: %1").arg(text),
            kind);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable(text, kind);
    case QKeychain::OtherError:
        // No session bus, no Secret Service on it or no unlocked default collection all come as
        // OtherError with GLib's (translated) text: the probe tells them from real failures.
        if (!serviceUsable)
            return unavailable(text, kind);
        break;
    case QKeychain::NoError:
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    const QString what = operation == Operation::Read
        ? QCoreApplication::translate("lockbox::CredentialVault", "The keychain could not read the %1: %2")
        : operation == Operation::Write
        ? QCoreApplication::translate("lockbox::CredentialVault", "The keychain could not store the %1: %2")
        : QCoreApplication::translate("lockbox::CredentialVault", "The keychain could not remove the %1: %2");
    return Error(Error::Code::StorageFailure, what.arg(nameOf(kind), text));
}

// Whether the Secret Service can keep anything now: a session bus, the service on it, and a
// default collection ("login") that exists and is unlocked. Asked only after a job failed, and
// asynchronously (a D-Bus call), so that nothing blocks the GUI thread.
QFuture<bool> secretServiceUsable(QObject* context)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return QtFuture::makeReadyFuture(false);
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.secrets"),
                                                       QStringLiteral("/org/freedesktop/secrets/aliases/default"),
                                                       QStringLiteral("org.freedesktop.DBus.Properties"),
                                                       QStringLiteral("Get"));
    call << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    auto promise = std::make_shared<QPromise<bool>>();
    promise->start();
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 5'000), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context, [promise](QDBusPendingCallWatcher* done) {
        done->deleteLater();
        const QDBusMessage reply = done->reply();
        const bool usable = reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()
            && !qvariant_cast<QDBusVariant>(reply.arguments().constFirst()).variant().toBool();
        promise->addResult(usable);
        promise->finish();
    });
    return promise->future();
}

void startJob(QKeychain::Job* job, const QString& accountKey, CredentialVault::Secret kind)
{
    job->setAutoDelete(true);
    // Never QtKeychain's plain-text QSettings store: no keychain means the app asks each time.
    job->setInsecureFallback(false);
    job->setKey(entryKey(accountKey, kind));
    job->start();
}

// Calls `answer` with the error of a failed job: at once, or, when QtKeychain's error may mean
// "no keychain", once the Secret Service has been asked.
template <typename Answer>
void answerFailure(
    QKeychain::Job* job, QObject* context, CredentialVault::Secret kind, Operation operation, Answer answer)
{
    const QKeychain::Error code = job->error();
    const QString text = job->errorString();
    if (code != QKeychain::OtherError) {
        answer(errorFor(code, text, kind, operation, true));
        return;
    }
    secretServiceUsable(context).then(context, [answer, code, text, kind, operation](bool usable) {
        answer(errorFor(code, text, kind, operation, usable));
    });
}

} // namespace

CredentialVault::CredentialVault(QString serviceName, QObject* parent)
    : QObject(parent)
    , m_serviceName(serviceName.isEmpty() ? QCoreApplication::applicationName() : std::move(serviceName))
{ }

QString CredentialVault::accountKey(const QUrl& service, const QString& tenant, const QString& user)
{
    const QString scheme = service.scheme().toLower();
    int port = service.port();
    if (port < 0 && scheme == QLatin1String("https"))
        port = 443;
    else if (port < 0 && scheme == QLatin1String("http"))
        port = 80;
    QUrl origin;
    origin.setScheme(scheme);
    origin.setHost(service.host().toLower());
    origin.setPort(port);
    return origin.toString(QUrl::FullyEncoded) + QLatin1Char(' ') + tenant.trimmed().toLower() + QLatin1Char(' ')
        + user.trimmed().toLower();
}

void CredentialVault::noteOutcome(bool keptOrGaveSecret, const Error* error)
{
    if (keptOrGaveSecret)
        m_available = true;
    else if (error && error->code() == Error::Code::Unavailable)
        m_available = false;
}

// The three calls share one shape: start the job; when it finishes with an error that may mean
// "no keychain", ask the Secret Service before answering; fulfil the promise exactly once. The
// jobs have no parent: deleting one while its D-Bus call is out would leave QtKeychain a dangling
// callback, so each deletes itself when done (setAutoDelete), and a vault gone by then only
// drops the promise (the future ends cancelled).
QFuture<Result<QString>> CredentialVault::read(const QString& accountKey, Secret kind)
{
    auto promise = std::make_shared<QPromise<Result<QString>>>();
    promise->start();
    auto* job = new QKeychain::ReadPasswordJob(m_serviceName);
    connect(job, &QKeychain::Job::finished, this, [this, promise, kind](QKeychain::Job* done) {
        auto answer = [this, promise](const Result<QString>& result) {
            noteOutcome(result.isOk(), result ? nullptr : &result.error());
            promise->addResult(result);
            promise->finish();
        };
        if (done->error() == QKeychain::NoError)
            answer(static_cast<QKeychain::ReadPasswordJob*>(done)->textData());
        else
            answerFailure(done, this, kind, Operation::Read, answer);
    });
    startJob(job, accountKey, kind);
    return promise->future();
}

QFuture<Status> CredentialVault::write(const QString& accountKey, Secret kind, const QString& secret)
{
    if (secret.isEmpty())
        return QtFuture::makeReadyFuture(
            Status(Error(Error::Code::InvalidInput, tr("There is no %1 to remember: it is empty.").arg(nameOf(kind)))));
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    auto* job = new QKeychain::WritePasswordJob(m_serviceName);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, promise, kind](QKeychain::Job* done) {
        auto answer = [this, promise](const Status& status) {
            noteOutcome(status.isOk(), status ? nullptr : &status.error());
            promise->addResult(status);
            promise->finish();
        };
        if (done->error() == QKeychain::NoError)
            answer(Status::success());
        else
            answerFailure(done, this, kind, Operation::Write, answer);
    });
    startJob(job, accountKey, kind);
    return promise->future();
}

QFuture<Status> CredentialVault::remove(const QString& accountKey, Secret kind)
{
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    auto* job = new QKeychain::DeletePasswordJob(m_serviceName);
    connect(job, &QKeychain::Job::finished, this, [this, promise, kind](QKeychain::Job* done) {
        auto answer = [this, promise](const Status& status) {
            noteOutcome(false, status ? nullptr : &status.error());
            promise->addResult(status);
            promise->finish();
        };
        if (done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound)
            answer(Status::success());
        else
            answerFailure(done, this, kind, Operation::Remove, answer);
    });
    startJob(job, accountKey, kind);
    return promise->future();
}

} // namespace lockbox
