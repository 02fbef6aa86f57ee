#include "Session.h"
#include "core/Guarded.h"

#include "lifecycle/Lifecycle.h"
#include "signing/DecisionSignature.h"
#include "store/RemoteStore.h"
#include "store/Store.h"

#include <QPromise>

namespace lockbox {

Session::Session(Store* store, std::shared_ptr<const Clock> clock, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
{
    connect(m_store, &Store::settingsChanged, this, [this](const QString& tenantId) {
        if (tenantId == m_actor.tenantId)
            reloadSettings();
    });
    // Someone changed the tenant's roles, perhaps this person's own: read it again, so that the
    // pages offer what the store will accept.
    connect(m_store, &Store::rolesChanged, this, [this](const QString& tenantId) {
        if (tenantId != m_actor.tenantId || !isSignedIn())
            return;
        const Actor asked = m_actor;
        m_store->resolveActor(asked).then(
            QCoreApplication::instance(), guarded(this, [this, asked](const Result<Actor>& now) {
                // Only a clear answer about the same person changes anything; a passing store error
                // does not take anyone's role away.
                if (asked.principal != m_actor.principal || asked.tenantId != m_actor.tenantId)
                    return;
                if (!now && now.error().code() != Error::Code::PermissionDenied)
                    return;
                const Role role = now ? now->role : Role::None;
                if (role == m_actor.role)
                    return;
                m_actor.role = role;
                emit signedIn();
            }));
    });
    if (auto* remote = qobject_cast<RemoteStore*>(m_store)) {
        connect(remote, &RemoteStore::connectedChanged, this, [this](bool connected) {
            if (connected == m_online)
                return;
            m_online = connected;
            emit onlineChanged(m_online);
            if (m_online)
                reloadSettings();
        });
    }
    connect(&m_sweep, &QTimer::timeout, this, [this] {
        if (!isSignedIn())
            return;
        m_store->applyDueTransitions();
        emit ticked();
    });
    m_sweep.start(sweepIntervalMs);
}

QFuture<Status> Session::signIn(const Actor& who)
{
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    QFuture<Status> done = promise->future();
    auto finish = [promise](const Status& status) {
        promise->addResult(status);
        promise->finish();
    };
    m_store->signIn(who).then(
        QCoreApplication::instance(), guarded(this, [this, finish](const Result<Actor>& resolved) {
            if (!resolved) {
                finish(resolved.error());
                return;
            }
            const Actor actor = *resolved;
            m_store->roleAssignments(actor).then(
                QCoreApplication::instance(),
                guarded(this, [this, actor, finish](const Result<QList<RoleAssignment>>& roles) {
                    if (roles) {
                        for (const RoleAssignment& assignment : *roles) {
                            if (assignment.principal == actor.principal)
                                m_displayName = assignment.displayName;
                        }
                    }
                    m_store->settings(actor).then(
                        QCoreApplication::instance(),
                        guarded(this, [this, actor, finish](const Result<TenantSettings>& settings) {
                            if (!settings) {
                                finish(settings.error());
                                return;
                            }
                            // A signing key is one person's: another person signs with their own.
                            if (actor.principal != m_actor.principal || actor.tenantId != m_actor.tenantId) {
                                m_signingKey.reset();
                                m_keyRegistered = false;
                            }
                            m_actor = actor;
                            m_settings = *settings;
                            emit signedIn();
                            emit settingsChanged(m_settings);
                            finish(Status::success());
                        }));
                }));
        }));
    return done;
}

namespace {

Error offline()
{
    return Error(Error::Code::Unavailable,
                 QCoreApplication::translate("lockbox::Session",
                                             "The Lockbox service cannot be reached just now, so nothing can be "
                                             "decided or changed, and what you see may be out of date. The Admin "
                                             "Center reconnects by itself; try again once it has. Nothing is "
                                             "queued."));
}

} // namespace

Status Session::mayPerform(Action action, const AccessRequest& request) const
{
    if (Status allowed = Lifecycle::mayPerform(m_actor, action, request, now()); !allowed)
        return allowed;
    if (!m_online)
        return offline();
    return Status::success();
}

Status Session::mayDo(Action action) const
{
    if (Status allowed = Lifecycle::permits(m_actor, action, m_actor.tenantId); !allowed)
        return allowed;
    const bool changes = action == Action::ChangeSettings || action == Action::ManageRoles;
    if (changes && !m_online)
        return offline();
    return Status::success();
}

bool Session::isRemote() const
{
    return qobject_cast<RemoteStore*>(m_store) != nullptr;
}

QFuture<Status> Session::stepUp(const QString& code)
{
    auto* remote = qobject_cast<RemoteStore*>(m_store);
    if (!remote)
        return QtFuture::makeReadyFuture(Status(Error(
            Error::Code::InvalidState, tr("A local store needs no one-time code: it has no accounts to sign in to."))));
    return remote->stepUp(code).then(QtFuture::Launch::Sync, [](const Result<AuthSession>& session) -> Status {
        if (!session)
            return session.error();
        return Status::success();
    });
}

void Session::setSigningKey(const SigningKey& key)
{
    m_signingKey = key;
    m_keyRegistered = false;
}

QFuture<Result<AccessRequest>> Session::decide(Action action, const QString& requestId, const QString& comment)
{
    if (!DecisionStatement::isSigned(action))
        return m_store->perform(m_actor, requestId, action, comment);
    auto promise = std::make_shared<QPromise<Result<AccessRequest>>>();
    promise->start();
    QFuture<Result<AccessRequest>> done = promise->future();
    auto finish = [promise](const Result<AccessRequest>& result) {
        promise->addResult(result);
        promise->finish();
    };
    if (!m_signingKey) {
        Result<SigningKey> made = SigningKey::generate();
        if (!made) {
            finish(made.error());
            return done;
        }
        setSigningKey(*made);
    }
    const Actor actor = m_actor;
    const SigningKey key = *m_signingKey;
    // Sign what the store holds now: the statement names the request's own fields.
    auto signAndPerform = [this, actor, key, action, requestId, comment, finish] {
        m_store->request(actor, requestId)
            .then(QCoreApplication::instance(), guarded(this, [=, this](const Result<AccessRequest>& request) {
                      if (!request) {
                          finish(request.error());
                          return;
                      }
                      const DecisionSignature signature = DecisionSignature::sign(
                          key, DecisionStatement::of(*request, action, actor.principal, now()));
                      m_store->perform(actor, requestId, action, comment, signature)
                          .then(QCoreApplication::instance(), guarded(this, finish));
                  }));
    };
    if (m_keyRegistered) {
        signAndPerform();
        return done;
    }
    m_store->registerSigningKey(actor, key.publicKey())
        .then(QCoreApplication::instance(),
              guarded(this, [this, finish, signAndPerform](const Result<RegisteredKey>& registered) {
                  if (!registered) {
                      finish(registered.error());
                      return;
                  }
                  m_keyRegistered = true;
                  signAndPerform();
              }));
    return done;
}

void Session::reloadSettings()
{
    m_store->settings(m_actor).then(QCoreApplication::instance(),
                                    guarded(this, [this](const Result<TenantSettings>& settings) {
                                        if (settings) {
                                            m_settings = *settings;
                                            emit settingsChanged(m_settings);
                                        }
                                    }));
}

} // namespace lockbox
