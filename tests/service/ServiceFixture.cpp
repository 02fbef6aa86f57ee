#include "ServiceFixture.h"
#include "json/RequestJson.h"

#include "accounts/Totp.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

using namespace lockbox;

QByteArray HttpReply::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ServiceFixture::ServiceFixture() = default;

ServiceFixture::~ServiceFixture()
{
    m_server.reset();
}

bool ServiceFixture::setUp(QString* problem)
{
    if (!m_store.setUp(problem))
        return false;
    const QList<Actor> people = {StoreFixture::megan(),
                                 StoreFixture::lidia(),
                                 StoreFixture::diego(),
                                 StoreFixture::adele(),
                                 StoreFixture::nestor(),
                                 StoreFixture::engineer(),
                                 StoreFixture::manager()};
    for (const Actor& person : people) {
        if (Status added = store().addAccount(person.tenantId, person.principal, password()).result(); !added) {
            *problem = added.error().message();
            return false;
        }
        if (person.tenantId == operatorTenantId)
            continue;
        Result<MfaEnrolment> enrolment = store().enrolMfa(person.tenantId, person.principal).result();
        if (!enrolment) {
            *problem = enrolment.error().message();
            return false;
        }
        m_secrets.insert(key(person), Totp::fromBase32(enrolment->secret).value_or(QByteArray()));
    }
    m_server = std::make_unique<ApiServer>(store(), m_store.sharedClock());
    ServiceOptions options;
    options.port = 0;
    Result<quint16> port = m_server->listen(options);
    if (!port) {
        *problem = port.error().message();
        return false;
    }
    m_port = *port;
    return true;
}

QUrl ServiceFixture::url(const QString& pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery));
}

HttpReply ServiceFixture::call(const QByteArray& method,
                               const QString& pathAndQuery,
                               const QByteArray& body,
                               const QString& token,
                               const QList<std::pair<QByteArray, QByteArray>>& headers)
{
    QNetworkRequest request(url(pathAndQuery));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto& pair : reply->rawHeaderPairs())
        result.headers.append({pair.first, pair.second});
    if (result.status == 0)
        result.networkError = reply->errorString();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

QByteArray ServiceFixture::signedBody(const Actor& who, const QString& id, Action action, const QJsonObject& fields)
{
    QJsonObject body = fields;
    body.insert(QStringLiteral("signature"), RequestJson::toJson(m_store.signature(who, id, action)));
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QString ServiceFixture::code(const Actor& person)
{
    const qint64 step = m_store.clock().now().toSecsSinceEpoch() / Totp::stepSeconds;
    if (m_usedSteps.value(key(person), -1) >= step)
        m_store.clock().advanceSeconds(Totp::stepSeconds);
    const QDateTime at = m_store.clock().now();
    m_usedSteps.insert(key(person), at.toSecsSinceEpoch() / Totp::stepSeconds);
    return Totp::code(secret(person), at);
}

QString ServiceFixture::signIn(const Actor& person)
{
    QJsonObject body {{QStringLiteral("tenant"), person.tenantId},
                      {QStringLiteral("user"), person.principal},
                      {QStringLiteral("password"), password()}};
    if (m_secrets.contains(key(person)))
        body.insert(QStringLiteral("code"), code(person));
    const HttpReply reply = call("POST", QStringLiteral("/api/v1/sessions"), QJsonDocument(body).toJson());
    return reply.status == 201 ? reply.json.value(QStringLiteral("token")).toString() : QString();
}
