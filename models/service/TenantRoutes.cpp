#include "TenantRoutes.h"

#include "ApiContinuation.h"
#include "ApiRouter.h"
#include "JsonBody.h"
#include "store/SqlStore.h"
#include "json/QueryCodec.h"
#include "json/TenantJson.h"

#include <QJsonArray>

namespace lockbox {

namespace {

void answerRoles(ApiCall done, const Result<QList<RoleAssignment>>& result)
{
    done.answer(result, [](const QList<RoleAssignment>& assignments) {
        return QJsonObject {{QStringLiteral("items"), TenantJson::toJson(assignments)}};
    });
}

void answerSettings(ApiCall done, const Result<TenantSettings>& result)
{
    done.answer(result, [](const TenantSettings& settings) { return TenantJson::toJson(settings); });
}

} // namespace

void TenantRoutes::addTo(ApiRouter& router, SqlStore& store)
{
    SqlStore* s = &store;
    router.add(
        {QStringLiteral("GET"), QStringLiteral("/api/v1/settings"), ApiRoute::Access::Session, {}, [s](ApiCall call) {
             whenReady(call, s->settings(call.session().actor), answerSettings);
         }});
    router.add(
        {QStringLiteral("PUT"),
         QStringLiteral("/api/v1/settings"),
         ApiRoute::Access::StepUp,
         Action::ChangeSettings,
         [s](ApiCall call) {
             QJsonObject body;
             if (auto error = JsonBody::parse(call.body(),
                                              {{QStringLiteral("requireApproval"), JsonBody::Type::Boolean},
                                               {QStringLiteral("approvalsRequired"), JsonBody::Type::Integer},
                                               {QStringLiteral("backupApprovers"), JsonBody::Type::StringList},
                                               {QStringLiteral("escalationLeadMinutes"), JsonBody::Type::Integer},
                                               {QStringLiteral("changedAt"), JsonBody::Type::String}},
                                              &body)) {
                 call.fail(*error);
                 return;
             }
             QDateTime loadedAt;
             if (body.contains(QStringLiteral("changedAt"))) {
                 Result<QDateTime> parsed = QueryCodec::time(QStringLiteral("changedAt"),
                                                             body.value(QStringLiteral("changedAt")).toString());
                 if (!parsed) {
                     call.fail(ApiError::badRequest(QStringLiteral("wrong_type"), parsed.error().message()));
                     return;
                 }
                 loadedAt = *parsed;
             }
             // Fields left out keep their value; `changedAt` (from GET) refuses a change made
             // from a stale copy.
             whenReady(call,
                       s->settings(call.session().actor),
                       [s, body, loadedAt](ApiCall read, const Result<TenantSettings>& current) {
                           if (!current) {
                               read.fail(current.error());
                               return;
                           }
                           TenantSettings wanted = *current;
                           if (body.contains(QStringLiteral("requireApproval")))
                               wanted.requireApproval = body.value(QStringLiteral("requireApproval")).toBool();
                           if (body.contains(QStringLiteral("approvalsRequired"))) {
                               const double approvals = body.value(QStringLiteral("approvalsRequired")).toDouble();
                               wanted.approvalsRequired = approvals > 1000 || approvals < -1000 ? -1 : int(approvals);
                           }
                           if (body.contains(QStringLiteral("backupApprovers"))) {
                               wanted.backupApprovers.clear();
                               for (const QJsonValue& backup : body.value(QStringLiteral("backupApprovers")).toArray())
                                   wanted.backupApprovers.append(backup.toString());
                           }
                           if (body.contains(QStringLiteral("escalationLeadMinutes"))) {
                               const double lead = body.value(QStringLiteral("escalationLeadMinutes")).toDouble();
                               wanted.escalationLeadMinutes = lead > 100000 || lead < -100000 ? -1 : int(lead);
                           }
                           wanted.changedAt = loadedAt;
                           whenReady(read, s->updateSettings(read.session().actor, wanted), answerSettings);
                       });
         }});
    router.add(
        {QStringLiteral("GET"), QStringLiteral("/api/v1/roles"), ApiRoute::Access::Session, {}, [s](ApiCall call) {
             whenReady(call, s->roleAssignments(call.session().actor), answerRoles);
         }});
    router.add({QStringLiteral("PUT"),
                QStringLiteral("/api/v1/roles/{principal}"),
                ApiRoute::Access::StepUp,
                Action::ManageRoles,
                [s](ApiCall call) {
                    QJsonObject body;
                    if (auto error = JsonBody::parse(call.body(),
                                                     {{QStringLiteral("role"), JsonBody::Type::String, true},
                                                      {QStringLiteral("displayName"), JsonBody::Type::String}},
                                                     &body)) {
                        call.fail(*error);
                        return;
                    }
                    const Role role = roles::fromKey(body.value(QStringLiteral("role")).toString());
                    if (!roles::isCustomerRole(role)) {
                        call.fail(ApiError {422,
                                            Error::codeName(Error::Code::InvalidInput),
                                            ApiError::tr("Unknown role \"%1\": use GlobalAdministrator, "
                                                         "LockboxApprover or Reader.")
                                                .arg(body.value(QStringLiteral("role")).toString())});
                        return;
                    }
                    const QString principal = QUrl::fromPercentEncoding(call.captures().at(0).toUtf8());
                    RoleAssignment assignment {call.session().actor.tenantId,
                                               principal,
                                               body.value(QStringLiteral("displayName")).toString(principal),
                                               role};
                    whenReady(call, s->setRole(call.session().actor, assignment), answerRoles);
                }});
    router.add(
        {QStringLiteral("GET"), QStringLiteral("/api/v1/keys"), ApiRoute::Access::Session, {}, [s](ApiCall call) {
             whenReady(call,
                       s->signingKeys(call.session().actor),
                       [](ApiCall done, const Result<QList<RegisteredKey>>& keys) {
                           done.answer(keys, [](const QList<RegisteredKey>& list) {
                               QJsonArray items;
                               for (const RegisteredKey& key : list)
                                   items.append(TenantJson::toJson(key));
                               return QJsonObject {{QStringLiteral("items"), items}};
                           });
                       });
         }});
    // A key that will vouch for decisions is registered with a fresh one-time code, like a decision.
    router.add({QStringLiteral("POST"),
                QStringLiteral("/api/v1/keys"),
                ApiRoute::Access::StepUp,
                Action::RegisterKey,
                [s](ApiCall call) {
                    QJsonObject body;
                    if (auto error = JsonBody::parse(
                            call.body(), {{QStringLiteral("publicKey"), JsonBody::Type::String, true}}, &body)) {
                        call.fail(*error);
                        return;
                    }
                    const auto publicKey
                        = QByteArray::fromBase64Encoding(body.value(QStringLiteral("publicKey")).toString().toLatin1(),
                                                         QByteArray::AbortOnBase64DecodingErrors);
                    if (!publicKey) {
                        call.fail(ApiError {422,
                                            Error::codeName(Error::Code::InvalidInput),
                                            ApiError::tr("publicKey is not base64: send the 32 bytes of the Ed25519 "
                                                         "public key in base64.")});
                        return;
                    }
                    whenReady(call,
                              s->registerSigningKey(call.session().actor, *publicKey),
                              [](ApiCall done, const Result<RegisteredKey>& key) {
                                  done.answer(key, [](const RegisteredKey& registered) {
                                      return TenantJson::toJson(registered);
                                  });
                              });
                }});
    router.add({QStringLiteral("DELETE"),
                QStringLiteral("/api/v1/roles/{principal}"),
                ApiRoute::Access::StepUp,
                Action::ManageRoles,
                [s](ApiCall call) {
                    if (auto error = JsonBody::parse(call.body(), {}, nullptr)) {
                        call.fail(*error);
                        return;
                    }
                    const QString principal = QUrl::fromPercentEncoding(call.captures().at(0).toUtf8());
                    RoleAssignment removal {call.session().actor.tenantId, principal, principal, Role::None};
                    whenReady(call, s->setRole(call.session().actor, removal), answerRoles);
                }});
}

} // namespace lockbox
