#pragma once

#include "core/Result.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QUrl>

namespace lockbox {

// The Admin Center's secrets in the operating system's keychain (QtKeychain: the Secret Service
// of gnome-keyring or KWallet on Linux): the service token, and the password only when the admin
// asks to remember it. Nothing is ever written in plain: there is no fallback file, and when no
// keychain answers, calls end Unavailable and the app asks each time.
//
// Every call finishes its future exactly once, from QtKeychain's job signal on the thread that
// owns the vault (the GUI thread), which must run an event loop; nothing blocks. A call still
// pending when the vault is destroyed ends cancelled.
class CredentialVault : public QObject
{
    Q_OBJECT

public:
    // SigningKey: the seed of the person's Ed25519 key that signs their decisions (base64).
    enum class Secret { Token, Password, SigningKey };

    // `serviceName`: the keychain's service (the application's name by default:
    // QCoreApplication::applicationName()). Secrets of one service are invisible to another.
    explicit CredentialVault(QString serviceName = {}, QObject* parent = nullptr);

    // The key of one account at one service: "<scheme://host:port> <tenant> <user>" (normalised:
    // lower-case scheme, host, tenant and user, the scheme's default port when none is given, no
    // path).
    static QString accountKey(const QUrl& service, const QString& tenant, const QString& user);

    // NotFound when nothing is stored under the key; Unavailable (the message says that no
    // keychain is available and that the app will ask each time) when there is no keychain;
    // PermissionDenied when the admin declined access; StorageFailure otherwise with QtKeychain's
    // text.
    QFuture<Result<QString>> read(const QString& accountKey, Secret kind);
    // Replaces what is stored under the key. An empty secret is InvalidInput (use remove()).
    QFuture<Status> write(const QString& accountKey, Secret kind, const QString& secret);
    // Removing what is not there is success.
    QFuture<Status> remove(const QString& accountKey, Secret kind);

    // Whether a keychain answered at all (false after an Unavailable, true again once it has kept
    // or given a secret), for the UI to say so.
    bool isAvailable() const { return m_available; }
    QString serviceName() const { return m_serviceName; }

private:
    // Available until a call ends Unavailable; again once the keychain keeps or gives a secret
    // (a NotFound proves nothing: a keyring with no usable collection finds nothing either).
    void noteOutcome(bool keptOrGaveSecret, const Error* error);

    QString m_serviceName;
    bool m_available = true;
};

} // namespace lockbox
