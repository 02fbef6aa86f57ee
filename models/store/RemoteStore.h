#pragma once

#include "Store.h"
#include "accounts/AuthSession.h"

#include <QMutex>
#include <QSslConfiguration>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <atomic>
#include <functional>
#include <optional>

namespace lockbox {

class RemoteConnection;
class RemoteEventStream;
struct HttpAnswer;

// The store of a Lockbox service (lockboxd) over its HTTP API (/api/v1): every Store call is one
// request, and its answer is read back into the domain types. The service enforces every rule
// and audits; this class only carries calls and answers, and turns the service's errors back
// into Errors with the service's code and message. It never blocks its caller: the network work
// runs on a thread of the store's own, and futures are fulfilled from there.
//
// A remote store is signed in as one person (its session): it acts for them and no one else,
// so a call naming another actor is refused rather than silently done as the signed-in person.
// Provisioning (tenants, staff, accounts) happens on the service's database, not through it.
class RemoteStore : public Store
{
    Q_OBJECT

public:
    // `serviceUrl`: the service's address, "https://lockbox.example:8443".
    explicit RemoteStore(QUrl serviceUrl, QObject* parent = nullptr);
    ~RemoteStore() override;

    QUrl serviceUrl() const { return m_serviceUrl; }

    // How long one call may take before it fails as Unavailable (default 15 s).
    void setTimeout(int milliseconds);
    // TLS settings for every request (e.g. extra CA certificates).
    void setSslConfiguration(const QSslConfiguration& configuration);
    // Trusts the service's self-signed certificate with this SHA-256 digest
    // (QSslCertificate::digest(QCryptographicHash::Sha256)): only that certificate's trust errors
    // are ignored, nothing else (an expired one, or one for another host name, still fails).
    void setPinnedCertificate(const QByteArray& sha256);

    // Signs in; afterwards every call acts as the session's person. `code`: the one-time code
    // when the account has an authenticator (without it, MfaRequired).
    QFuture<Result<AuthSession>>
    signInWithPassword(const QString& tenantId, const QString& principal, const QString& password, const QString& code);
    // Uses a token from an earlier sign-in; currentSession() then says whose it is.
    void setToken(const QString& token);
    QString token() const;
    // The session of the token, as the service knows it now (its role included).
    QFuture<Result<AuthSession>> currentSession();
    // A one-time code: decisions and changes are allowed for the next few minutes.
    QFuture<Result<AuthSession>> stepUp(const QString& code);
    // Ends the session at the service: the token stops working.
    QFuture<Status> signOut();
    // Enrols an authenticator app for the signed-in person.
    QFuture<Result<MfaEnrolment>> enrolMfa();
    // The session as last heard from the service; empty before sign-in.
    std::optional<AuthSession> session() const;

    // Follows the service's event stream and emits requestsChanged, settingsChanged, rolesChanged
    // and auditAppended for changes made by anyone; reconnects by itself after a drop.
    void followEvents(bool follow);
    bool isConnected() const { return m_connected; }

    QString location() const override;
    QFuture<Status> open() override;
    QFuture<Result<Actor>> resolveActor(const Actor& actor) override;
    QFuture<Result<Actor>> signIn(const Actor& actor) override;
    QFuture<Result<Page<AccessRequest>>> listRequests(const Actor& actor, const RequestQuery& query) override;
    QFuture<Result<AccessRequest>> request(const Actor& actor, const QString& idOrReference) override;
    QFuture<Result<RequestSummary>> summary(const Actor& actor) override;
    QFuture<Result<AccessRequest>> fileRequest(const Actor& actor, const NewRequest& request) override;
    QFuture<Result<AccessRequest>> perform(const Actor& actor,
                                           const QString& requestId,
                                           Action action,
                                           const QString& comment,
                                           const DecisionSignature& signature = {}) override;
    QFuture<Result<AccessCheck>>
    checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId) override;
    QFuture<Result<TenantSettings>> settings(const Actor& actor) override;
    QFuture<Result<TenantSettings>> updateSettings(const Actor& actor, const TenantSettings& wanted) override;
    QFuture<Result<QList<RoleAssignment>>> roleAssignments(const Actor& actor) override;
    QFuture<Result<QList<RoleAssignment>>> setRole(const Actor& actor, const RoleAssignment& assignment) override;
    QFuture<Result<RegisteredKey>> registerSigningKey(const Actor& actor, const QByteArray& publicKey) override;
    QFuture<Result<QList<RegisteredKey>>> signingKeys(const Actor& actor) override;
    QFuture<Result<Page<AuditRecord>>> auditRecords(const Actor& actor, const AuditQuery& query) override;
    QFuture<Result<AuditVerification>> verifyAudit(const Actor& actor) override;
    // The service applies due transitions itself: nothing to do here.
    QFuture<Result<int>> applyDueTransitions() override;
    // Refused: provisioning is done on the service's database (`lockboxctl --store`).
    QFuture<Status> createTenant(const TenantSettings& tenant, const RoleAssignment& firstAdmin) override;
    QFuture<Status> addOperatorStaff(const RoleAssignment& staff) override;

    // The Error for an HTTP error answer: the code from the body's error.code, else from the
    // status; the service's message, else one naming the status.
    static Error errorFrom(const HttpAnswer& answer, const QString& serviceUrl);

signals:
    // Whether the event stream is connected (after followEvents(true)).
    void connectedChanged(bool connected);

private:
    template <typename T>
    using Parse = std::function<Result<T>(const QJsonValue&)>;

    // Sends one request and reads a successful answer with `parse`, on the network thread.
    template <typename T>
    QFuture<Result<T>> call(const QByteArray& method,
                            const QString& path,
                            const QUrlQuery& query,
                            const std::optional<QJsonObject>& body,
                            Parse<T> parse);
    // The session's actor when `actor` is the signed-in person, else why not.
    Result<Actor> actingAs(const Actor& actor) const;
    // Reads a session answer and keeps it as the store's session.
    Parse<AuthSession> keepSession();
    void onEvent(const QString& name, const QJsonObject& data);

    const QUrl m_serviceUrl;
    QThread m_thread;
    RemoteConnection* m_connection; // lives on m_thread
    RemoteEventStream* m_events = nullptr; // likewise, created on first followEvents(true)
    mutable QMutex m_sessionMutex;
    std::optional<AuthSession> m_session;
    std::atomic_bool m_connected = false;
};

} // namespace lockbox
