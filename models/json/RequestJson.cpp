#include "RequestJson.h"

#include "JsonReader.h"
#include "JsonWriter.h"
#include "audit/AuditRecord.h"
#include "domain/RequestStatus.h"
#include "domain/Role.h"
#include "domain/Workload.h"

#include <QJsonDocument>

namespace lockbox {

QJsonValue RequestJson::time(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(AuditRecord::formatTime(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue RequestJson::text(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

namespace {

void writeTime(JsonWriter& out, QLatin1StringView name, const QDateTime& time)
{
    out.key(name);
    if (time.isValid())
        out.value(AuditRecord::formatTime(time));
    else
        out.null();
}

QJsonObject parsedObject(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

void RequestJson::write(JsonWriter& out, const AccessRequest& request, Decisions decisions)
{
    out.beginObject();
    out.key(QLatin1StringView("id"));
    out.value(request.id);
    out.key(QLatin1StringView("reference"));
    out.value(request.reference);
    out.key(QLatin1StringView("serviceRequest"));
    out.value(request.serviceRequest);
    out.key(QLatin1StringView("tenant"));
    out.value(request.tenantId);
    out.key(QLatin1StringView("workload"));
    out.value(workloads::key(request.workload));
    out.key(QLatin1StringView("requester"));
    out.value(request.requester);
    out.key(QLatin1StringView("reason"));
    out.value(request.reason);
    out.key(QLatin1StringView("scope"));
    out.value(request.scope);
    out.key(QLatin1StringView("durationMinutes"));
    out.value(request.durationMinutes);
    writeTime(out, QLatin1StringView("created"), request.created);
    writeTime(out, QLatin1StringView("expires"), request.expires);
    out.key(QLatin1StringView("status"));
    out.value(requestStatus::key(request.status));
    out.key(QLatin1StringView("approvalsRequired"));
    out.value(request.approvalsRequired);
    out.key(QLatin1StringView("approvalsCount"));
    out.value(request.approvalsCount);
    out.key(QLatin1StringView("manager"));
    out.textOrNull(request.manager);
    writeTime(out, QLatin1StringView("managerDecidedAt"), request.managerDecidedAt);
    out.key(QLatin1StringView("decidedBy"));
    out.textOrNull(request.decidedBy);
    writeTime(out, QLatin1StringView("decidedAt"), request.decidedAt);
    out.key(QLatin1StringView("decisionComment"));
    out.textOrNull(request.decisionComment);
    writeTime(out, QLatin1StringView("accessFrom"), request.accessFrom);
    writeTime(out, QLatin1StringView("accessUntil"), request.accessUntil);
    out.key(QLatin1StringView("informationRequested"));
    out.value(request.informationRequested);
    writeTime(out, QLatin1StringView("escalateAt"), request.escalateAt);
    writeTime(out, QLatin1StringView("escalatedAt"), request.escalatedAt);
    out.key(QLatin1StringView("version"));
    out.value(request.version);
    if (decisions == Decisions::Include) {
        out.key(QLatin1StringView("decisions"));
        out.beginArray();
        for (const Decision& decision : request.decisions)
            write(out, decision);
        out.endArray();
    }
    out.endObject();
}

void RequestJson::write(JsonWriter& out, const Decision& decision)
{
    out.beginObject();
    out.key(QLatin1StringView("kind"));
    out.value(Decision::kindKey(decision.kind));
    out.key(QLatin1StringView("actor"));
    out.value(decision.actor);
    out.key(QLatin1StringView("actorRole"));
    out.value(roles::key(decision.actorRole));
    writeTime(out, QLatin1StringView("at"), decision.at);
    out.key(QLatin1StringView("comment"));
    out.textOrNull(decision.comment);
    // Only a signed decision says so: an unsigned one keeps the form it always had.
    if (!decision.signature.isEmpty()) {
        out.key(QLatin1StringView("signingKey"));
        out.value(decision.signingKey);
        out.key(QLatin1StringView("signedAt"));
        out.value(decision.signedAt.toUTC().toString(Qt::ISODateWithMs));
        out.key(QLatin1StringView("signature"));
        out.value(QString::fromLatin1(decision.signature.toBase64()));
    }
    out.endObject();
}

QJsonObject RequestJson::toJson(const DecisionSignature& signature)
{
    return QJsonObject {{QStringLiteral("key"), signature.keyFingerprint},
                        {QStringLiteral("signedAt"), signature.signedAt.toUTC().toString(Qt::ISODateWithMs)},
                        {QStringLiteral("value"), QString::fromLatin1(signature.value.toBase64())}};
}

template <>
Result<DecisionSignature> RequestJson::fromJson<DecisionSignature>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::RequestJson", "A signature"));
    DecisionSignature signature;
    signature.keyFingerprint = read.string("key");
    signature.signedAt = read.time("signedAt");
    const auto value
        = QByteArray::fromBase64Encoding(read.string("value").toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (read.ok() && (!value || value.decoded.isEmpty()))
        read.invalid("value", QCoreApplication::translate("lockbox::RequestJson", "not base64"));
    if (!read.ok())
        return read.error();
    signature.value = value.decoded;
    return signature;
}

QByteArray RequestJson::toJsonBytes(const AccessRequest& request, Decisions decisions)
{
    JsonWriter out;
    write(out, request, decisions);
    return out.take();
}

QJsonObject RequestJson::toJson(const AccessRequest& request, Decisions decisions)
{
    return parsedObject(toJsonBytes(request, decisions));
}

QJsonObject RequestJson::toJson(const Decision& decision)
{
    JsonWriter out;
    write(out, decision);
    return parsedObject(out.take());
}

QJsonArray RequestJson::toJson(const QList<AccessRequest>& requests, Decisions decisions)
{
    QJsonArray list;
    for (const AccessRequest& request : requests)
        list.append(toJson(request, decisions));
    return list;
}

template <>
Result<Decision> RequestJson::fromJson<Decision>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::RequestJson", "A decision"));
    Decision decision;
    const QString kind = read.string("kind");
    if (read.ok() && !Decision::kindFromKey(kind, &decision.kind))
        read.invalid("kind",
                     QCoreApplication::translate("lockbox::RequestJson", "an unknown decision \"%1\"").arg(kind));
    decision.actor = read.string("actor");
    const QString role = read.string("actorRole");
    decision.actorRole = roles::fromKey(role);
    if (read.ok() && decision.actorRole == Role::None && role != roles::key(Role::None))
        read.invalid("actorRole",
                     QCoreApplication::translate("lockbox::RequestJson", "an unknown role \"%1\"").arg(role));
    decision.at = read.optionalTime("at");
    decision.comment = read.optionalString("comment");
    // Signed decisions only (and absent from an older lockboxd).
    if (read.has("signingKey")) {
        decision.signingKey = read.optionalString("signingKey");
        decision.signedAt = read.optionalTime("signedAt");
        decision.signature = QByteArray::fromBase64(read.optionalString("signature").toLatin1());
    }
    if (!read.ok())
        return read.error();
    return decision;
}

template <>
Result<AccessRequest> RequestJson::fromJson<AccessRequest>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::RequestJson", "A request"));
    AccessRequest request;
    request.id = read.string("id");
    request.reference = read.string("reference");
    request.serviceRequest = read.string("serviceRequest");
    request.tenantId = read.string("tenant");
    const QString workload = read.string("workload");
    if (read.ok() && !workloads::fromKey(workload, &request.workload))
        read.invalid("workload",
                     QCoreApplication::translate("lockbox::RequestJson", "an unknown workload \"%1\"").arg(workload));
    request.requester = read.string("requester");
    request.reason = read.string("reason");
    request.scope = read.string("scope");
    request.durationMinutes = read.integer("durationMinutes");
    request.created = read.optionalTime("created");
    request.expires = read.optionalTime("expires");
    const QString status = read.string("status");
    if (read.ok() && !requestStatus::fromKey(status, &request.status))
        read.invalid("status",
                     QCoreApplication::translate("lockbox::RequestJson", "an unknown status \"%1\"").arg(status));
    request.approvalsRequired = read.integer("approvalsRequired");
    request.approvalsCount = read.integer("approvalsCount");
    request.manager = read.optionalString("manager");
    request.managerDecidedAt = read.optionalTime("managerDecidedAt");
    request.decidedBy = read.optionalString("decidedBy");
    request.decidedAt = read.optionalTime("decidedAt");
    request.decisionComment = read.optionalString("decisionComment");
    request.accessFrom = read.optionalTime("accessFrom");
    request.accessUntil = read.optionalTime("accessUntil");
    // Fields a lockboxd older than the client leaves out read as their defaults.
    request.informationRequested = read.has("informationRequested") && read.boolean("informationRequested");
    request.escalateAt = read.optionalTime("escalateAt");
    request.escalatedAt = read.optionalTime("escalatedAt");
    request.version = read.integer("version");
    // Lists leave the decisions out (Decisions::Omit): then there are none to read.
    if (read.has("decisions"))
        request.decisions = read.list<Decision>("decisions", &RequestJson::fromJson<Decision>);
    if (!read.ok())
        return read.error();
    return request;
}

template <>
Result<QList<AccessRequest>> RequestJson::fromJson<QList<AccessRequest>>(const QJsonValue& json)
{
    if (!json.isArray())
        return Error(
            Error::Code::InvalidInput,
            QCoreApplication::translate("lockbox::RequestJson", "A list of requests should be a JSON list, not %1.")
                .arg(JsonReader::typeName(json)));
    // Read through a wrapper so that a bad item is named by its place in the list.
    JsonReader read(QJsonObject {{QStringLiteral("requests"), json}},
                    QCoreApplication::translate("lockbox::RequestJson", "A list of requests"));
    QList<AccessRequest> requests = read.list<AccessRequest>("requests", &RequestJson::fromJson<AccessRequest>);
    if (!read.ok())
        return read.error();
    return requests;
}

} // namespace lockbox
