#pragma once

#include "ApiRouter.h"
#include "ServiceOptions.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "store/SqlStore.h"

#include <QHttpServer>
#include <QObject>
#include <memory>

namespace lockbox {

class ApiListener;
class EventStream;

// lockboxd's HTTP API (/api/v1) over a store: routing, bad-input handling, bearer tokens and
// step-up, and the live event stream. Every rule stays in the store and the lifecycle; this
// class turns HTTP into store calls and store results into HTTP. Runs on one thread; store
// calls never block it.
class ApiServer : public QObject
{
    Q_OBJECT

public:
    ApiServer(SqlStore& store, std::shared_ptr<const Clock> clock, QObject* parent = nullptr);
    ~ApiServer() override;

    // Listens as `options` say: refuses plain HTTP away from loopback unless allowed, and
    // unreadable or mismatched TLS files. Returns the port (useful with port 0).
    Result<quint16> listen(const ServiceOptions& options);
    bool usesTls() const;

    const ApiRouter& router() const { return m_router; }
    EventStream& events() { return *m_events; }
    // The OpenAPI 3 document describing the routes (also served at /api/v1/openapi.json).
    static QByteArray openApiDocument();

private:
    void addRoutes();
    void dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    // Checks the call's token (and step-up, where the route needs it), then runs the route.
    void admit(const ApiCall& call, const ApiRoute* route, const QString& token, SqlStore::Freshness freshness);

    SqlStore& m_store;
    std::shared_ptr<const Clock> m_clock;
    QHttpServer m_http;
    ApiListener* m_listener = nullptr;
    EventStream* m_events = nullptr;
    ApiRouter m_router;
};

} // namespace lockbox
