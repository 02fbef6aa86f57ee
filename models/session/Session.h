#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "domain/Actor.h"
#include "domain/TenantSettings.h"
#include "lifecycle/Action.h"
#include "signing/SigningKey.h"

#include <QFuture>
#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

namespace lockbox {

class Store;
struct AccessRequest;

// Who is signed in to which store: the shared context of every page of the Admin Center. Holds
// the actor as the store resolved them (with their role) and the tenant's settings, and tells
// the pages when either changes.
class Session : public QObject
{
    Q_OBJECT

public:
    Session(Store* store, std::shared_ptr<const Clock> clock, QObject* parent = nullptr);

    Store* store() const { return m_store; }
    const Clock& clock() const { return *m_clock; }
    std::shared_ptr<const Clock> sharedClock() const { return m_clock; }
    QDateTime now() const { return m_clock->now(); }

    // Resolves `who` with the store and loads the tenant's settings.
    QFuture<Status> signIn(const Actor& who);
    bool isSignedIn() const { return m_actor.role != Role::None; }
    const Actor& actor() const { return m_actor; }
    const TenantSettings& tenantSettings() const { return m_settings; }
    QString displayName() const { return m_displayName; }

    // Lifecycle's answer for the signed-in actor, for enabling an action on a request; refused
    // while the service cannot be reached (decisions are never queued).
    Status mayPerform(Action action, const AccessRequest& request) const;
    // Lifecycle's answer for tenant-wide actions (settings, roles, audit); changes are refused
    // while the service cannot be reached.
    Status mayDo(Action action) const;

    // Whether the store is reachable: always for a local store; for a service, whether its event
    // stream is connected (it reconnects by itself). While not, what the pages show may be out of
    // date.
    bool isOnline() const { return m_online; }
    // Whether the store is a service (signed in with an account, decisions need step-up).
    bool isRemote() const;
    // A one-time code for the service's step-up: decisions and changes are allowed for a few
    // minutes. InvalidState for a local store, which never asks for one.
    QFuture<Status> stepUp(const QString& code);

    // Takes an action on a request for the signed-in person. A customer decision (approve, deny,
    // revoke) is signed with the person's signing key first: the key given by setSigningKey(), or
    // else one made for this session, registered with the store before its first use.
    QFuture<Result<AccessRequest>> decide(Action action, const QString& requestId, const QString& comment);
    // The key this session signs decisions with (from the keychain, say); a new one is
    // registered with the store at the next decision.
    void setSigningKey(const SigningKey& key);
    std::optional<SigningKey> signingKey() const { return m_signingKey; }

    // Reloads the settings (after a change here or elsewhere).
    void reloadSettings();

    // How often the session asks the store to apply what the clock says is due (expiry, window
    // ends), so that a lapsed request does not keep showing Pending on an idle screen.
    static constexpr int sweepIntervalMs = 10'000;

signals:
    void signedIn();
    void settingsChanged(const lockbox::TenantSettings& settings);
    // Every sweepIntervalMs while signed in: for what counts time (Home's counts).
    void ticked();
    // The service went away (false) or is back (true, after which pages catch up).
    void onlineChanged(bool online);

private:
    Store* m_store;
    std::shared_ptr<const Clock> m_clock;
    QTimer m_sweep;
    Actor m_actor;
    QString m_displayName;
    TenantSettings m_settings;
    bool m_online = true;
    std::optional<SigningKey> m_signingKey;
    bool m_keyRegistered = false;
};

} // namespace lockbox
