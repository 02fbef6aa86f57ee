#include "RemoteStore.h"

#include "RemoteConnection.h"
#include "RemoteEventStream.h"
#include "json/JsonReader.h"
#include "json/QueryCodec.h"
#include "json/RequestJson.h"
#include "json/ServiceJson.h"
#include "json/TenantJson.h"

#include <QMutexLocker>
#include <QPromise>

namespace lockbox {

namespace {

template <typename T>
QFuture<Result<T>> ready(Result<T> result)
{
    return QtFuture::makeReadyFuture(std::move(result));
}

// A path segment: a reference, an id or a principal ("megan@contoso.com" -> "megan%40contoso.com").
QString segment(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text.trimmed()));
}

QString queryValue(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

Error::Code codeFor(const QString& name, int status)
{
    static constexpr Error::Code codes[] = {Error::Code::InvalidInput,
                                            Error::Code::NotFound,
                                            Error::Code::PermissionDenied,
                                            Error::Code::InvalidState,
                                            Error::Code::Conflict,
                                            Error::Code::Expired,
                                            Error::Code::StorageFailure,
                                            Error::Code::SchemaTooNew,
                                            Error::Code::Unavailable,
                                            Error::Code::IntegrityFailure,
                                            Error::Code::Unauthenticated,
                                            Error::Code::MfaRequired,
                                            Error::Code::StepUpRequired,
                                            Error::Code::RateLimited,
                                            Error::Code::Internal};
    for (Error::Code code : codes) {
        if (Error::codeName(code) == name)
            return code;
    }
    // The service's own codes (malformed_json, bad_parameter, mfa_not_enrolled, ...) and any
    // newer ones: what their status says.
    switch (status) {
    case 400:
    case 413:
    case 422:
        return Error::Code::InvalidInput;
    case 401:
        return Error::Code::Unauthenticated;
    case 403:
        return Error::Code::PermissionDenied;
    case 404:
        return Error::Code::NotFound;
    case 409:
        return Error::Code::Conflict;
    case 429:
        return Error::Code::RateLimited;
    case 502:
    case 503:
    case 504:
        return Error::Code::Unavailable;
    default:
        break;
    }
    return Error::Code::Internal;
}

// A successful answer read by `parse`, or the Error the service answered with.
template <typename T>
Result<T> readAnswer(const Result<HttpAnswer>& answer,
                     const std::function<Result<T>(const QJsonValue&)>& parse,
                     const QString& serviceUrl)
{
    if (!answer)
        return answer.error();
    if (answer->status < 200 || answer->status > 299)
        return RemoteStore::errorFrom(*answer, serviceUrl);
    Result<T> parsed = parse(answer->body);
    if (!parsed)
        return Error(Error::Code::Unavailable,
                     RemoteStore::tr("The Lockbox service at %1 sent an answer this Lockbox cannot read "
                                     "(is it another version?). %2")
                         .arg(serviceUrl, parsed.error().message()));
    return parsed;
}

Result<Page<AccessRequest>> requestPage(const QJsonValue& json)
{
    JsonReader read(json, RemoteStore::tr("A page of requests"));
    Page<AccessRequest> page;
    page.items = read.list<AccessRequest>("items", &RequestJson::fromJson<AccessRequest>);
    page.nextCursor = read.optionalString("nextCursor");
    if (!read.ok())
        return read.error();
    return page;
}

Result<AuditRecord> auditRecord(const QJsonValue& json)
{
    AuditRecord record;
    QString problem = RemoteStore::tr("not a JSON object");
    if (!json.isObject() || !AuditRecord::fromJson(json.toObject(), &record, &problem))
        return Error(Error::Code::InvalidInput, RemoteStore::tr("An audit record: %1.").arg(problem));
    return record;
}

Result<Page<AuditRecord>> auditPage(const QJsonValue& json)
{
    JsonReader read(json, RemoteStore::tr("A page of the audit log"));
    Page<AuditRecord> page;
    page.items = read.list<AuditRecord>("items", &auditRecord);
    page.nextCursor = read.optionalString("nextCursor");
    if (!read.ok())
        return read.error();
    return page;
}

Result<QList<RegisteredKey>> keyList(const QJsonValue& json)
{
    JsonReader read(json, RemoteStore::tr("The signing keys"));
    QList<RegisteredKey> keys = read.list<RegisteredKey>("items", &TenantJson::fromJson<RegisteredKey>);
    if (!read.ok())
        return read.error();
    return keys;
}

Result<QList<RoleAssignment>> roleList(const QJsonValue& json)
{
    JsonReader read(json, RemoteStore::tr("The role assignments"));
    QList<RoleAssignment> assignments = read.list<RoleAssignment>("items", &TenantJson::fromJson<RoleAssignment>);
    if (!read.ok())
        return read.error();
    return assignments;
}

} // namespace

RemoteStore::RemoteStore(QUrl serviceUrl, QObject* parent)
    : Store(parent)
    , m_serviceUrl(serviceUrl)
    , m_connection(new RemoteConnection(std::move(serviceUrl)))
{
    m_thread.setObjectName(QStringLiteral("lockbox-remote"));
    m_connection->moveToThread(&m_thread);
    m_thread.start();
}

RemoteStore::~RemoteStore()
{
    // Everything in flight ends now (its callers hear Unavailable), on the thread it runs on.
    QMetaObject::invokeMethod(
        m_connection,
        [this]() {
            delete m_events;
            m_events = nullptr;
            m_connection->close();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_connection;
}

void RemoteStore::setTimeout(int milliseconds)
{
    m_connection->setTimeout(milliseconds);
}

void RemoteStore::setSslConfiguration(const QSslConfiguration& configuration)
{
    m_connection->setSslConfiguration(configuration);
}

void RemoteStore::setPinnedCertificate(const QByteArray& sha256)
{
    m_connection->setPinnedCertificate(sha256);
}

QString RemoteStore::location() const
{
    return m_connection->displayUrl();
}

Error RemoteStore::errorFrom(const HttpAnswer& answer, const QString& serviceUrl)
{
    const QJsonObject error = answer.body.toObject().value(QStringLiteral("error")).toObject();
    QString message = error.value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = tr("The Lockbox service at %1 answered %2 %3.")
                      .arg(serviceUrl)
                      .arg(answer.status)
                      .arg(answer.reasonPhrase);
    return Error(codeFor(error.value(QStringLiteral("code")).toString(), answer.status), message);
}

template <typename T>
QFuture<Result<T>> RemoteStore::call(const QByteArray& method,
                                     const QString& path,
                                     const QUrlQuery& query,
                                     const std::optional<QJsonObject>& body,
                                     Parse<T> parse)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    m_connection->send(method,
                       path,
                       query,
                       body,
                       [promise, parse = std::move(parse), url = location()](const Result<HttpAnswer>& answer) {
                           promise->addResult(readAnswer<T>(answer, parse, url));
                           promise->finish();
                       });
    return future;
}

Result<Actor> RemoteStore::actingAs(const Actor& actor) const
{
    QMutexLocker lock(&m_sessionMutex);
    if (!m_session)
        return Error(Error::Code::Unauthenticated, tr("Sign in to the Lockbox service at %1 first.").arg(location()));
    const Actor& signedIn = m_session->actor;
    if (actor.principal.trimmed().compare(signedIn.principal, Qt::CaseInsensitive) != 0
        || actor.tenantId.trimmed().compare(signedIn.tenantId, Qt::CaseInsensitive) != 0)
        return Error(Error::Code::InvalidInput,
                     tr("This connection to %1 is signed in as %2 in %3: it cannot act as %4 in %5.")
                         .arg(location(), signedIn.principal, signedIn.tenantId, actor.principal, actor.tenantId));
    return signedIn;
}

RemoteStore::Parse<AuthSession> RemoteStore::keepSession()
{
    return [this](const QJsonValue& json) -> Result<AuthSession> {
        Result<AuthSession> read = ServiceJson::fromJson<AuthSession>(json);
        if (!read)
            return read;
        AuthSession session = *read;
        // Only the answer to sign-in carries the token; later answers are about the same one.
        if (session.token.isEmpty())
            session.token = m_connection->token();
        else
            m_connection->setToken(session.token);
        QMutexLocker lock(&m_sessionMutex);
        m_session = session;
        return session;
    };
}

QFuture<Result<AuthSession>> RemoteStore::signInWithPassword(const QString& tenantId,
                                                             const QString& principal,
                                                             const QString& password,
                                                             const QString& code)
{
    QJsonObject body {{QStringLiteral("tenant"), tenantId.trimmed()},
                      {QStringLiteral("user"), principal.trimmed()},
                      {QStringLiteral("password"), password}};
    if (!code.trimmed().isEmpty())
        body.insert(QStringLiteral("code"), code.trimmed());
    return call<AuthSession>("POST", QStringLiteral("/api/v1/sessions"), {}, body, keepSession());
}

void RemoteStore::setToken(const QString& token)
{
    m_connection->setToken(token.trimmed());
    QMutexLocker lock(&m_sessionMutex);
    m_session.reset();
}

QString RemoteStore::token() const
{
    return m_connection->token();
}

std::optional<AuthSession> RemoteStore::session() const
{
    QMutexLocker lock(&m_sessionMutex);
    return m_session;
}

QFuture<Result<AuthSession>> RemoteStore::currentSession()
{
    return call<AuthSession>("GET", QStringLiteral("/api/v1/sessions/current"), {}, {}, keepSession());
}

QFuture<Result<AuthSession>> RemoteStore::stepUp(const QString& code)
{
    return call<AuthSession>("POST",
                             QStringLiteral("/api/v1/sessions/current/step-up"),
                             {},
                             QJsonObject {{QStringLiteral("code"), code.trimmed()}},
                             keepSession());
}

QFuture<Status> RemoteStore::signOut()
{
    return call<void>("DELETE", QStringLiteral("/api/v1/sessions/current"), {}, {}, [this](const QJsonValue&) {
        m_connection->setToken({});
        QMutexLocker lock(&m_sessionMutex);
        m_session.reset();
        return Status::success();
    });
}

QFuture<Result<MfaEnrolment>> RemoteStore::enrolMfa()
{
    return call<MfaEnrolment>(
        "POST", QStringLiteral("/api/v1/account/mfa"), {}, QJsonObject(), &ServiceJson::fromJson<MfaEnrolment>);
}

QFuture<Status> RemoteStore::open()
{
    auto promise = std::make_shared<QPromise<Status>>();
    QFuture<Status> future = promise->future();
    promise->start();
    // Whatever goes wrong here, the store is not there for its caller: Unavailable.
    m_connection->send(
        "GET", QStringLiteral("/api/v1/health"), {}, {}, [promise, url = location()](const Result<HttpAnswer>& answer) {
            Status health;
            if (!answer) {
                health = answer.error();
            } else if (answer->status == 503) {
                health = Error(Error::Code::Unavailable,
                               tr("The Lockbox service at %1 is up, but not its database: %2")
                                   .arg(url, errorFrom(*answer, url).message()));
            } else if (answer->status != 200
                       || answer->body.toObject().value(QStringLiteral("status")).toString() != QLatin1String("ok")) {
                health = Error(Error::Code::Unavailable,
                               tr("%1 does not answer as a Lockbox service does (%2 %3 for /api/v1/health): check "
                                  "the URL.")
                                   .arg(url)
                                   .arg(answer->status)
                                   .arg(answer->reasonPhrase));
            }
            promise->addResult(health);
            promise->finish();
        });
    return future;
}

QFuture<Result<Actor>> RemoteStore::resolveActor(const Actor& actor)
{
    Result<Actor> acting = actingAs(actor);
    if (!acting)
        return ready(acting);
    // The service resolves the role again on every call: ask it, rather than trust the last answer.
    Parse<AuthSession> keep = keepSession();
    return call<Actor>(
        "GET", QStringLiteral("/api/v1/sessions/current"), {}, {}, [keep](const QJsonValue& json) -> Result<Actor> {
            Result<AuthSession> session = keep(json);
            if (!session)
                return session.error();
            return session->actor;
        });
}

QFuture<Result<Actor>> RemoteStore::signIn(const Actor& actor)
{
    // The service recorded the sign-in when the session was opened.
    return resolveActor(actor);
}

QFuture<Result<Page<AccessRequest>>> RemoteStore::listRequests(const Actor& actor, const RequestQuery& query)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<Page<AccessRequest>>(acting.error());
    return call<Page<AccessRequest>>(
        "GET", QStringLiteral("/api/v1/requests"), QueryCodec::toUrlQuery(query), {}, &requestPage);
}

QFuture<Result<AccessRequest>> RemoteStore::request(const Actor& actor, const QString& idOrReference)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<AccessRequest>(acting.error());
    return call<AccessRequest>("GET",
                               QStringLiteral("/api/v1/requests/") + segment(idOrReference),
                               {},
                               {},
                               &RequestJson::fromJson<AccessRequest>);
}

QFuture<Result<RequestSummary>> RemoteStore::summary(const Actor& actor)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<RequestSummary>(acting.error());
    return call<RequestSummary>(
        "GET", QStringLiteral("/api/v1/summary"), {}, {}, &ServiceJson::fromJson<RequestSummary>);
}

QFuture<Result<AccessRequest>> RemoteStore::fileRequest(const Actor& actor, const NewRequest& request)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<AccessRequest>(acting.error());
    const QJsonObject body {{QStringLiteral("tenant"), request.tenantId},
                            {QStringLiteral("workload"), workloads::key(request.workload)},
                            {QStringLiteral("serviceRequest"), request.serviceRequest},
                            {QStringLiteral("reason"), request.reason},
                            {QStringLiteral("scope"), request.scope},
                            {QStringLiteral("durationMinutes"), request.durationMinutes}};
    return call<AccessRequest>(
        "POST", QStringLiteral("/api/v1/operator/requests"), {}, body, &RequestJson::fromJson<AccessRequest>);
}

QFuture<Result<AccessRequest>> RemoteStore::perform(const Actor& actor,
                                                    const QString& requestId,
                                                    Action action,
                                                    const QString& comment,
                                                    const DecisionSignature& signature)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<AccessRequest>(acting.error());
    // Each action has its route, and the text goes in the field that route takes.
    struct Route
    {
        const char* path;
        const char* textField;
    };
    Route route {};
    switch (action) {
    case Action::Approve:
        route = {"/api/v1/requests/%1/approve", "comment"};
        break;
    case Action::Deny:
        route = {"/api/v1/requests/%1/deny", "reason"};
        break;
    case Action::Revoke:
        route = {"/api/v1/requests/%1/revoke", "comment"};
        break;
    case Action::ManagerApprove:
        route = {"/api/v1/operator/requests/%1/manager-approve", "comment"};
        break;
    case Action::ManagerReject:
        route = {"/api/v1/operator/requests/%1/manager-reject", "reason"};
        break;
    case Action::Withdraw:
        route = {"/api/v1/operator/requests/%1/withdraw", "comment"};
        break;
    case Action::Ask:
        route = {"/api/v1/requests/%1/questions", "text"};
        break;
    case Action::Answer:
        route = {"/api/v1/operator/requests/%1/answer", "text"};
        break;
    case Action::ViewRequests:
    case Action::ReadAudit:
    case Action::File:
    case Action::Expire:
    case Action::EndWindow:
    case Action::Escalate:
    case Action::RegisterKey:
    case Action::ChangeSettings:
    case Action::ManageRoles:
    case Action::CheckAccess:
        return ready<AccessRequest>(
            Error(Error::Code::InvalidInput,
                  tr("%1 is not something a person does to a request through the service.").arg(actions::key(action))));
    }
    QJsonObject body;
    // A reason (or a message's text) is required where the route takes one: the service says so
    // if it is empty.
    if (!comment.isEmpty() || QLatin1String(route.textField) != QLatin1String("comment"))
        body.insert(QLatin1String(route.textField), comment);
    if (!signature.isEmpty())
        body.insert(QStringLiteral("signature"), RequestJson::toJson(signature));
    return call<AccessRequest>("POST",
                               QString::fromLatin1(route.path).arg(segment(requestId)),
                               {},
                               body,
                               &RequestJson::fromJson<AccessRequest>);
}

QFuture<Result<AccessCheck>>
RemoteStore::checkAccess(const Actor& actor, const QString& engineer, const QString& tenantId)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<AccessCheck>(acting.error());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("engineer"), queryValue(engineer));
    query.addQueryItem(QStringLiteral("tenant"), queryValue(tenantId));
    return call<AccessCheck>(
        "GET", QStringLiteral("/api/v1/operator/access-check"), query, {}, &TenantJson::fromJson<AccessCheck>);
}

QFuture<Result<TenantSettings>> RemoteStore::settings(const Actor& actor)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<TenantSettings>(acting.error());
    return call<TenantSettings>(
        "GET", QStringLiteral("/api/v1/settings"), {}, {}, &TenantJson::fromJson<TenantSettings>);
}

QFuture<Result<TenantSettings>> RemoteStore::updateSettings(const Actor& actor, const TenantSettings& wanted)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<TenantSettings>(acting.error());
    QJsonObject body {{QStringLiteral("requireApproval"), wanted.requireApproval},
                      {QStringLiteral("approvalsRequired"), wanted.approvalsRequired},
                      {QStringLiteral("backupApprovers"), QJsonArray::fromStringList(wanted.backupApprovers)},
                      {QStringLiteral("escalationLeadMinutes"), wanted.escalationLeadMinutes}};
    // The settings the change was made from: the service refuses it when they have changed since.
    if (wanted.changedAt.isValid())
        body.insert(QStringLiteral("changedAt"), QueryCodec::formatTime(wanted.changedAt));
    return call<TenantSettings>(
        "PUT", QStringLiteral("/api/v1/settings"), {}, body, &TenantJson::fromJson<TenantSettings>);
}

QFuture<Result<QList<RoleAssignment>>> RemoteStore::roleAssignments(const Actor& actor)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<QList<RoleAssignment>>(acting.error());
    return call<QList<RoleAssignment>>("GET", QStringLiteral("/api/v1/roles"), {}, {}, &roleList);
}

QFuture<Result<QList<RoleAssignment>>> RemoteStore::setRole(const Actor& actor, const RoleAssignment& assignment)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<QList<RoleAssignment>>(acting.error());
    const QString path = QStringLiteral("/api/v1/roles/") + segment(assignment.principal);
    if (assignment.role == Role::None)
        return call<QList<RoleAssignment>>("DELETE", path, {}, {}, &roleList);
    QJsonObject body {{QStringLiteral("role"), roles::key(assignment.role)}};
    if (!assignment.displayName.trimmed().isEmpty())
        body.insert(QStringLiteral("displayName"), assignment.displayName.trimmed());
    return call<QList<RoleAssignment>>("PUT", path, {}, body, &roleList);
}

QFuture<Result<RegisteredKey>> RemoteStore::registerSigningKey(const Actor& actor, const QByteArray& publicKey)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<RegisteredKey>(acting.error());
    const QJsonObject body {{QStringLiteral("publicKey"), QString::fromLatin1(publicKey.toBase64())}};
    return call<RegisteredKey>("POST", QStringLiteral("/api/v1/keys"), {}, body, &TenantJson::fromJson<RegisteredKey>);
}

QFuture<Result<QList<RegisteredKey>>> RemoteStore::signingKeys(const Actor& actor)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<QList<RegisteredKey>>(acting.error());
    return call<QList<RegisteredKey>>("GET", QStringLiteral("/api/v1/keys"), {}, {}, &keyList);
}

QFuture<Result<Page<AuditRecord>>> RemoteStore::auditRecords(const Actor& actor, const AuditQuery& query)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<Page<AuditRecord>>(acting.error());
    return call<Page<AuditRecord>>(
        "GET", QStringLiteral("/api/v1/audit"), QueryCodec::toUrlQuery(query), {}, &auditPage);
}

QFuture<Result<AuditVerification>> RemoteStore::verifyAudit(const Actor& actor)
{
    if (Result<Actor> acting = actingAs(actor); !acting)
        return ready<AuditVerification>(acting.error());
    return call<AuditVerification>(
        "GET", QStringLiteral("/api/v1/audit/verify"), {}, {}, &ServiceJson::fromJson<AuditVerification>);
}

QFuture<Result<int>> RemoteStore::applyDueTransitions()
{
    return ready<int>(0);
}

QFuture<Status> RemoteStore::createTenant(const TenantSettings& tenant, const RoleAssignment&)
{
    return ready<void>(Error(Error::Code::InvalidInput,
                             tr("Tenants are provisioned on the service's database, not through the service: run "
                                "`lockboxctl --store DATABASE tenant add %1 ...` with the database lockboxd uses.")
                                 .arg(tenant.tenantId)));
}

QFuture<Status> RemoteStore::addOperatorStaff(const RoleAssignment& staff)
{
    return ready<void>(Error(Error::Code::InvalidInput,
                             tr("Operator staff are provisioned on the service's database, not through the service: "
                                "run `lockboxctl --store DATABASE staff add %1 ...` with the database lockboxd uses.")
                                 .arg(staff.principal)));
}

void RemoteStore::followEvents(bool follow)
{
    QMetaObject::invokeMethod(
        m_connection,
        [this, follow]() {
            if (!m_events) {
                // Created on the network thread, and told apart there: the signals go out from
                // that thread, as a SqlStore's go out from its worker.
                m_events = new RemoteEventStream(m_connection);
                connect(m_events, &RemoteEventStream::eventReceived, this, &RemoteStore::onEvent, Qt::DirectConnection);
                connect(
                    m_events,
                    &RemoteEventStream::connectedChanged,
                    this,
                    [this](bool connected) {
                        m_connected = connected;
                        emit connectedChanged(connected);
                    },
                    Qt::DirectConnection);
            }
            if (follow)
                m_events->start();
            else
                m_events->stop();
        },
        Qt::QueuedConnection);
}

void RemoteStore::onEvent(const QString& name, const QJsonObject& data)
{
    const QString tenant = data.value(QStringLiteral("tenant")).toString();
    if (name.startsWith(QLatin1String("request."))) {
        const QString id = data.value(QStringLiteral("requestId")).toString();
        emit requestsChanged(tenant, id.isEmpty() ? QStringList() : QStringList {id});
    } else if (name == QLatin1String("settings.changed")) {
        emit settingsChanged(tenant);
    } else if (name == QLatin1String("roles.changed")) {
        emit rolesChanged(tenant);
    }
    // Every event is a record just appended to the tenant's audit log.
    emit auditAppended(tenant);
}

} // namespace lockbox
