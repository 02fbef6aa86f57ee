#include "RequestAction.h"

#include "ApiContinuation.h"
#include "JsonBody.h"
#include "store/SqlStore.h"
#include "json/RequestJson.h"

namespace lockbox {

void performOnRequest(SqlStore& store, ApiCall call, Action action, const QString& textField, bool textRequired)
{
    QJsonObject body;
    QList<JsonBody::Field> fields {{textField, JsonBody::Type::String, textRequired}};
    // A customer decision may carry its approver's signature.
    if (DecisionStatement::isSigned(action))
        fields.append({QStringLiteral("signature"), JsonBody::Type::Object});
    if (auto error = JsonBody::parse(call.body(), fields, &body)) {
        call.fail(*error);
        return;
    }
    DecisionSignature signature;
    if (body.contains(QStringLiteral("signature"))) {
        Result<DecisionSignature> parsed
            = RequestJson::fromJson<DecisionSignature>(body.value(QStringLiteral("signature")));
        if (!parsed) {
            call.fail(ApiError::from(parsed.error()));
            return;
        }
        signature = *parsed;
    }
    whenReady(
        call,
        store.perform(call.session().actor, call.captures().at(0), action, body.value(textField).toString(), signature),
        [](ApiCall done, const Result<AccessRequest>& result) {
            done.answerBytes(result, [](const AccessRequest& request) { return RequestJson::toJsonBytes(request); });
        });
}

} // namespace lockbox
