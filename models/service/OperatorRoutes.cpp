#include "OperatorRoutes.h"

#include "ApiContinuation.h"
#include "ApiRouter.h"
#include "JsonBody.h"
#include "RequestAction.h"
#include "domain/Workload.h"
#include "store/SqlStore.h"
#include "json/RequestJson.h"
#include "json/TenantJson.h"

namespace lockbox {

namespace {

void answerRequest(ApiCall done, const Result<AccessRequest>& result, int status = 200)
{
    done.answerBytes(
        result, [](const AccessRequest& request) { return RequestJson::toJsonBytes(request); }, status);
}

} // namespace

void OperatorRoutes::addTo(ApiRouter& router, SqlStore& store)
{
    SqlStore* s = &store;
    router.add(
        {QStringLiteral("POST"),
         QStringLiteral("/api/v1/operator/requests"),
         ApiRoute::Access::Session,
         {},
         [s](ApiCall call) {
             QJsonObject body;
             if (auto error = JsonBody::parse(call.body(),
                                              {{QStringLiteral("tenant"), JsonBody::Type::String, true},
                                               {QStringLiteral("workload"), JsonBody::Type::String, true},
                                               {QStringLiteral("serviceRequest"), JsonBody::Type::String, true},
                                               {QStringLiteral("reason"), JsonBody::Type::String, true},
                                               {QStringLiteral("scope"), JsonBody::Type::String, true},
                                               {QStringLiteral("durationMinutes"), JsonBody::Type::Integer, true}},
                                              &body)) {
                 call.fail(*error);
                 return;
             }
             NewRequest wanted;
             wanted.tenantId = body.value(QStringLiteral("tenant")).toString().trimmed();
             if (!workloads::fromKey(body.value(QStringLiteral("workload")).toString(), &wanted.workload)) {
                 call.fail(ApiError {422,
                                     Error::codeName(Error::Code::InvalidInput),
                                     ApiError::tr("Unknown workload \"%1\": use Exchange, SharePoint, "
                                                  "OneDrive or Teams.")
                                         .arg(body.value(QStringLiteral("workload")).toString())});
                 return;
             }
             wanted.serviceRequest = body.value(QStringLiteral("serviceRequest")).toString();
             wanted.reason = body.value(QStringLiteral("reason")).toString();
             wanted.scope = body.value(QStringLiteral("scope")).toString();
             const double minutes = body.value(QStringLiteral("durationMinutes")).toDouble();
             wanted.durationMinutes = minutes > 100000 || minutes < -100000 ? -1 : int(minutes);
             whenReady(call,
                       s->fileRequest(call.session().actor, wanted),
                       [](ApiCall done, const Result<AccessRequest>& result) { answerRequest(done, result, 201); });
         }});
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/operator/requests/{id}/manager-approve"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    performOnRequest(*s, call, Action::ManagerApprove, QStringLiteral("comment"), false);
                }});
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/operator/requests/{id}/manager-reject"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    performOnRequest(*s, call, Action::ManagerReject, QStringLiteral("reason"), true);
                }});
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/operator/requests/{id}/withdraw"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    performOnRequest(*s, call, Action::Withdraw, QStringLiteral("comment"), false);
                }});
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/operator/requests/{id}/answer"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    performOnRequest(*s, call, Action::Answer, QStringLiteral("text"), true);
                }});
    router.add(
        {QStringLiteral("GET"),
         QStringLiteral("/api/v1/operator/access-check"),
         ApiRoute::Access::Session,
         {},
         [s](ApiCall call) {
             const QString engineer = call.query().queryItemValue(QStringLiteral("engineer"), QUrl::FullyDecoded);
             const QString tenant = call.query().queryItemValue(QStringLiteral("tenant"), QUrl::FullyDecoded);
             for (const auto& [name, value] : call.query().queryItems()) {
                 Q_UNUSED(value)
                 if (name != QLatin1String("engineer") && name != QLatin1String("tenant")) {
                     call.fail(ApiError::badRequest(
                         QStringLiteral("bad_parameter"),
                         ApiError::tr("Unknown parameter \"%1\": the parameters here are engineer, tenant.")
                             .arg(name)));
                     return;
                 }
             }
             if (engineer.trimmed().isEmpty() || tenant.trimmed().isEmpty()) {
                 call.fail(ApiError::badRequest(QStringLiteral("bad_parameter"),
                                                ApiError::tr("Name both the engineer and the tenant: "
                                                             "?engineer=rkumar@ops.lockbox.example&tenant=contoso.")));
                 return;
             }
             whenReady(call,
                       s->checkAccess(call.session().actor, engineer.trimmed(), tenant.trimmed()),
                       [](ApiCall done, const Result<AccessCheck>& check) {
                           done.answer(check, [](const AccessCheck& c) { return TenantJson::toJson(c); });
                       });
         }});
}

} // namespace lockbox
