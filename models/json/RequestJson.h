#pragma once

#include "core/Result.h"
#include "domain/AccessRequest.h"
#include "domain/Decision.h"
#include "signing/DecisionSignature.h"

#include <QJsonArray>
#include <QJsonObject>

class QByteArray;

namespace lockbox {

class JsonWriter;

// The stable JSON form of a data access request, shared by `lockboxctl --json` and the HTTP
// service: camelCase names after the SPEC's fields, stable keys for status, workload and roles,
// times as ISO 8601 UTC ("2026-11-24T08:00:00.000Z"), and null for a value that is not there,
// so that every field keeps one type.
class RequestJson
{
public:
    enum class Decisions { Omit, Include };

    // The one definition of the form: writes the request (a JSON object) as the next value.
    // `decisions`: lists hold requests without their decisions, so a list must not claim "none".
    static void write(JsonWriter& out, const AccessRequest& request, Decisions decisions = Decisions::Include);
    static void write(JsonWriter& out, const Decision& decision);
    // The same as compact JSON bytes, as the service sends it.
    static QByteArray toJsonBytes(const AccessRequest& request, Decisions decisions = Decisions::Include);

    static QJsonObject toJson(const AccessRequest& request, Decisions decisions = Decisions::Include);
    static QJsonObject toJson(const Decision& decision);
    // {"key": "SHA256:…", "signedAt": "2026-11-24T09:30:15.250Z", "value": base64}
    static QJsonObject toJson(const DecisionSignature& signature);
    static QJsonArray toJson(const QList<AccessRequest>& requests, Decisions decisions = Decisions::Omit);

    // The counterparts of toJson, for what the service sends back (RemoteStore): T is AccessRequest
    // (its decisions when the object has them), Decision or QList<AccessRequest>. Strict about
    // every field's type and key; anything else is an InvalidInput Error naming the field.
    template <typename T>
    static Result<T> fromJson(const QJsonValue& json);

    // ISO 8601 UTC with milliseconds and Z, or null.
    static QJsonValue time(const QDateTime& time);
    // The text, or null when empty.
    static QJsonValue text(const QString& text);
};

template <>
Result<AccessRequest> RequestJson::fromJson<AccessRequest>(const QJsonValue& json);
template <>
Result<Decision> RequestJson::fromJson<Decision>(const QJsonValue& json);
template <>
Result<DecisionSignature> RequestJson::fromJson<DecisionSignature>(const QJsonValue& json);
template <>
Result<QList<AccessRequest>> RequestJson::fromJson<QList<AccessRequest>>(const QJsonValue& json);

} // namespace lockbox
