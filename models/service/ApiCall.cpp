#include "ApiCall.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>

namespace lockbox {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QStringLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QStringLiteral("TRACE");
    default:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

} // namespace

ApiCall::ApiCall(const QHttpServerRequest& request, QHttpServerResponder&& responder)
    : m_responder(std::make_shared<std::unique_ptr<QHttpServerResponder>>(
        std::make_unique<QHttpServerResponder>(std::move(responder))))
    , m_socket((*m_responder)->socket())
    , m_method(methodName(request.method()))
    , m_path(request.url().path())
    , m_query(request.query())
    , m_body(request.body())
    , m_client(request.remoteAddress().toString())
{
    for (const auto& [name, value] : request.headers())
        m_headers.append({name.toLower(), value});
}

QByteArray ApiCall::header(const QByteArray& name) const
{
    const QByteArray wanted = name.toLower();
    for (const auto& [key, value] : m_headers) {
        if (key == wanted)
            return value;
    }
    return {};
}

void ApiCall::reply(int status, const QJsonValue& body)
{
    const QByteArray json = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                           : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    reply(status, QByteArrayLiteral("application/json"), json);
}

void ApiCall::replyEmpty(int status)
{
    reply(status, {}, {});
}

void ApiCall::reply(int status,
                    const QByteArray& contentType,
                    const QByteArray& body,
                    const std::pair<QByteArray, QByteArray>& extraHeader)
{
    std::unique_ptr<QHttpServerResponder> responder = std::move(*m_responder);
    if (!responder || !m_socket)
        return;
    const auto code = static_cast<QHttpServerResponder::StatusCode>(status);
    const QByteArray type = contentType.isEmpty() ? QByteArrayLiteral("application/json") : contentType;
    // Nothing the service says may be cached by a proxy or a browser.
    if (extraHeader.first.isEmpty())
        responder->write(body, {{"Content-Type", type}, {"Cache-Control", "no-store"}}, code);
    else
        responder->write(body, {{"Content-Type", type}, {"Cache-Control", "no-store"}, extraHeader}, code);
}

void ApiCall::fail(const ApiError& error, const std::pair<QByteArray, QByteArray>& extraHeader)
{
    std::pair<QByteArray, QByteArray> header = extraHeader;
    if (header.first.isEmpty() && error.status == 401)
        header = {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"lockbox\"")};
    if (header.first.isEmpty() && error.status == 503)
        header = {QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")};
    reply(error.status,
          QByteArrayLiteral("application/json"),
          QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact),
          header);
}

std::unique_ptr<QHttpServerResponder> ApiCall::takeResponder()
{
    return std::move(*m_responder);
}

} // namespace lockbox
