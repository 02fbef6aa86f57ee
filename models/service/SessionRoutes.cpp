#include "SessionRoutes.h"

#include "ApiContinuation.h"
#include "ApiRouter.h"
#include "JsonBody.h"
#include "accounts/QrCode.h"
#include "store/SqlStore.h"
#include "json/ServiceJson.h"

namespace lockbox {

void SessionRoutes::addTo(ApiRouter& router, SqlStore& store)
{
    SqlStore* s = &store;
    router.add(
        {QStringLiteral("POST"), QStringLiteral("/api/v1/sessions"), ApiRoute::Access::Public, {}, [s](ApiCall call) {
             QJsonObject body;
             if (auto error = JsonBody::parse(call.body(),
                                              {{QStringLiteral("tenant"), JsonBody::Type::String, true},
                                               {QStringLiteral("user"), JsonBody::Type::String, true},
                                               {QStringLiteral("password"), JsonBody::Type::String, true},
                                               {QStringLiteral("code"), JsonBody::Type::String}},
                                              &body)) {
                 call.fail(*error);
                 return;
             }
             SignInAttempt attempt {body.value(QStringLiteral("tenant")).toString(),
                                    body.value(QStringLiteral("user")).toString(),
                                    body.value(QStringLiteral("password")).toString(),
                                    body.value(QStringLiteral("code")).toString(),
                                    call.client()};
             whenReady(call, s->signInWithPassword(attempt), [](ApiCall done, const Result<AuthSession>& session) {
                 done.answer(
                     session, [](const AuthSession& opened) { return ServiceJson::toJson(opened, true); }, 201);
             });
         }});
    router.add({QStringLiteral("GET"),
                QStringLiteral("/api/v1/sessions/current"),
                ApiRoute::Access::Session,
                {},
                [](ApiCall call) {
                    call.reply(200, ServiceJson::toJson(call.session()));
                }});
    router.add({QStringLiteral("DELETE"),
                QStringLiteral("/api/v1/sessions/current"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    whenReady(call, s->signOut(call.session().token), [](ApiCall done, const Status& ended) {
                        if (ended)
                            done.replyEmpty(204);
                        else
                            done.fail(ended.error());
                    });
                }});
    router.add(
        {QStringLiteral("POST"),
         QStringLiteral("/api/v1/sessions/current/step-up"),
         ApiRoute::Access::Session,
         {},
         [s](ApiCall call) {
             QJsonObject body;
             if (auto error
                 = JsonBody::parse(call.body(), {{QStringLiteral("code"), JsonBody::Type::String, true}}, &body)) {
                 call.fail(*error);
                 return;
             }
             whenReady(call,
                       s->stepUp(call.session().token, body.value(QStringLiteral("code")).toString()),
                       [](ApiCall done, const Result<AuthSession>& session) {
                           done.answer(session, [](const AuthSession& after) { return ServiceJson::toJson(after); });
                       });
         }});
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/account/mfa"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    if (auto error = JsonBody::parse(call.body(), {}, nullptr)) {
                        call.fail(*error);
                        return;
                    }
                    whenReady(call,
                              s->enrolMfa(call.session().token),
                              [](ApiCall done, const Result<MfaEnrolment>& enrolment) {
                                  done.answer(
                                      enrolment,
                                      [](const MfaEnrolment& e) {
                                          QJsonObject json = ServiceJson::toJson(e);
                                          json.insert(QStringLiteral("qrText"), QrCode::encode(e.uri).toText());
                                          return json;
                                      },
                                      201);
                              });
                }});
}

} // namespace lockbox
