#include "RequestAction.h"

#include "ApiContinuation.h"
#include "JsonBody.h"
#include "store/SqlStore.h"
#include "json/RequestJson.h"

namespace lockbox {

void performOnRequest(SqlStore& store, ApiCall call, Action action, const QString& textField, bool textRequired)
{
    QJsonObject body;
    if (auto error = JsonBody::parse(call.body(), {{textField, JsonBody::Type::String, textRequired}}, &body)) {
        call.fail(*error);
        return;
    }
    whenReady(call,
              store.perform(call.session().actor, call.captures().at(0), action, body.value(textField).toString()),
              [](ApiCall done, const Result<AccessRequest>& result) {
                  done.answerBytes(result,
                                   [](const AccessRequest& request) { return RequestJson::toJsonBytes(request); });
              });
}

} // namespace lockbox
