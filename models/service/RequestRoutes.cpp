#include "RequestRoutes.h"

#include "ApiContinuation.h"
#include "ApiRouter.h"
#include "JsonBody.h"
#include "RequestAction.h"
#include "store/SqlStore.h"
#include "json/JsonWriter.h"
#include "json/QueryCodec.h"
#include "json/RequestJson.h"
#include "json/ServiceJson.h"

namespace lockbox {

namespace {

QByteArray pageJson(const Page<AccessRequest>& page)
{
    JsonWriter out;
    out.beginObject();
    out.key(QLatin1StringView("items"));
    out.beginArray();
    for (const AccessRequest& request : page.items)
        RequestJson::write(out, request, RequestJson::Decisions::Omit);
    out.endArray();
    out.key(QLatin1StringView("nextCursor"));
    out.textOrNull(page.nextCursor);
    out.endObject();
    return out.take();
}

} // namespace

void RequestRoutes::addTo(ApiRouter& router, SqlStore& store)
{
    SqlStore* s = &store;
    router.add(
        {QStringLiteral("GET"), QStringLiteral("/api/v1/requests"), ApiRoute::Access::Session, {}, [s](ApiCall call) {
             Result<RequestQuery> query = QueryCodec::requestQuery(call.query());
             if (!query) {
                 call.fail(ApiError::badRequest(QStringLiteral("bad_parameter"), query.error().message()));
                 return;
             }
             whenReady(call,
                       s->listRequests(call.session().actor, *query),
                       [](ApiCall done, const Result<Page<AccessRequest>>& page) {
                           // The only bad input of a list is a parameter (a stale cursor included).
                           if (!page && page.error().code() == Error::Code::InvalidInput)
                               done.fail(ApiError::badRequest(QStringLiteral("bad_parameter"), page.error().message()));
                           else
                               done.answerBytes(page, pageJson);
                       });
         }});
    router.add({QStringLiteral("GET"),
                QStringLiteral("/api/v1/requests/{id}"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    whenReady(call,
                              s->request(call.session().actor, call.captures().at(0)),
                              [](ApiCall done, const Result<AccessRequest>& result) {
                                  done.answerBytes(result, [](const AccessRequest& request) {
                                      return RequestJson::toJsonBytes(request);
                                  });
                              });
                }});
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/requests/{id}/approve"),
                ApiRoute::Access::StepUp,
                Action::Approve,
                [s](ApiCall call) {
                    performOnRequest(*s, call, Action::Approve, QStringLiteral("comment"), false);
                }});
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/requests/{id}/deny"),
                ApiRoute::Access::StepUp,
                Action::Deny,
                [s](ApiCall call) {
                    performOnRequest(*s, call, Action::Deny, QStringLiteral("reason"), true);
                }});
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/requests/{id}/revoke"),
                ApiRoute::Access::StepUp,
                Action::Revoke,
                [s](ApiCall call) {
                    performOnRequest(*s, call, Action::Revoke, QStringLiteral("comment"), false);
                }});
    // A question to the engineer is no decision: it needs no fresh one-time code.
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/requests/{id}/questions"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    performOnRequest(*s, call, Action::Ask, QStringLiteral("text"), true);
                }});
    router.add(
        {QStringLiteral("GET"), QStringLiteral("/api/v1/summary"), ApiRoute::Access::Session, {}, [s](ApiCall call) {
             whenReady(call, s->summary(call.session().actor), [](ApiCall done, const Result<RequestSummary>& summary) {
                 done.answer(summary, [](const RequestSummary& counts) { return ServiceJson::toJson(counts); });
             });
         }});
}

} // namespace lockbox
