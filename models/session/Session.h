#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "domain/Actor.h"
#include "domain/TenantSettings.h"
#include "lifecycle/Action.h"

#include <QFuture>
#include <QObject>
#include <QTimer>
#include <memory>

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

    // Lifecycle's answer for the signed-in actor, for enabling an action on a request.
    Status mayPerform(Action action, const AccessRequest& request) const;
    // Lifecycle's answer for tenant-wide actions (settings, roles, audit).
    Status mayDo(Action action) const;

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

private:
    Store* m_store;
    std::shared_ptr<const Clock> m_clock;
    QTimer m_sweep;
    Actor m_actor;
    QString m_displayName;
    TenantSettings m_settings;
};

} // namespace lockbox
