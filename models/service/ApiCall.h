#pragma once

#include "ApiError.h"
#include "accounts/AuthSession.h"
#include "core/Result.h"

#include <QHostAddress>
#include <QHttpServerResponder>
#include <QJsonValue>
#include <QPointer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <memory>

class QHttpServerRequest;

namespace lockbox {

// One HTTP request on its way through the service: what the client sent, who they are once the
// token was checked, and the way to answer exactly once. Cheap to copy (it shares the
// responder), so that handlers can carry it into the continuations of store calls, which run
// only while the client is still connected.
class ApiCall
{
public:
    ApiCall(const QHttpServerRequest& request, QHttpServerResponder&& responder);

    QString method() const { return m_method; }
    QString path() const { return m_path; }
    const QUrlQuery& query() const { return m_query; }
    const QByteArray& body() const { return m_body; }
    QByteArray header(const QByteArray& name) const;
    QString client() const { return m_client; }

    // The path's {placeholders}, in order.
    const QStringList& captures() const { return m_captures; }
    void setCaptures(const QStringList& captures) { m_captures = captures; }
    const AuthSession& session() const { return m_session; }
    void setSession(const AuthSession& session) { m_session = session; }

    // The context for continuations: gone when the client left, which skips them.
    QObject* context() const { return m_socket.data(); }
    bool isAnswered() const { return !*m_responder; }

    void reply(int status, const QJsonValue& body);
    void replyEmpty(int status);
    // `extraHeader`: one more header when its name is not empty (Allow, Retry-After, ...).
    void reply(int status,
               const QByteArray& contentType,
               const QByteArray& body,
               const std::pair<QByteArray, QByteArray>& extraHeader = {});
    void fail(const ApiError& error, const std::pair<QByteArray, QByteArray>& extraHeader = {});
    void fail(const Error& error) { fail(ApiError::from(error)); }
    // Answers with the result's value as JSON through `toJson`, or with its error.
    template <typename T, typename ToJson>
    void answer(const Result<T>& result, ToJson toJson, int status = 200)
    {
        if (result)
            reply(status, toJson(result.value()));
        else
            fail(result.error());
    }
    // Likewise with `encode` giving the JSON as bytes (JsonWriter).
    template <typename T, typename Encode>
    void answerBytes(const Result<T>& result, Encode encode, int status = 200)
    {
        if (result)
            reply(status, QByteArrayLiteral("application/json"), encode(result.value()));
        else
            fail(result.error());
    }
    // Hands the responder over for a long-lived answer (the event stream).
    std::unique_ptr<QHttpServerResponder> takeResponder();

private:
    // Shared by the copies of one call: whoever answers first takes it.
    std::shared_ptr<std::unique_ptr<QHttpServerResponder>> m_responder;
    QPointer<QTcpSocket> m_socket;
    QString m_method;
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_body;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    QString m_client;
    QStringList m_captures;
    AuthSession m_session;
};

} // namespace lockbox
