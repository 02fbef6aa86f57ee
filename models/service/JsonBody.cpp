#include "JsonBody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>
#include <cmath>

namespace lockbox {

namespace {

QString typeName(JsonBody::Type type)
{
    switch (type) {
    case JsonBody::Type::String:
        return QStringLiteral("a string");
    case JsonBody::Type::Integer:
        return QStringLiteral("an integer");
    case JsonBody::Type::Boolean:
        return QStringLiteral("true or false");
    case JsonBody::Type::StringList:
        return QStringLiteral("a list of strings");
    case JsonBody::Type::Object:
        return QStringLiteral("an object");
    }
    return {};
}

bool hasType(const QJsonValue& value, JsonBody::Type type)
{
    switch (type) {
    case JsonBody::Type::String:
        return value.isString();
    case JsonBody::Type::Integer:
        return value.isDouble() && std::floor(value.toDouble()) == value.toDouble()
            && std::abs(value.toDouble()) < 9007199254740992.0;
    case JsonBody::Type::Boolean:
        return value.isBool();
    case JsonBody::Type::Object:
        return value.isObject();
    case JsonBody::Type::StringList: {
        if (!value.isArray())
            return false;
        const QJsonArray items = value.toArray();
        return std::all_of(items.begin(), items.end(), [](const QJsonValue& item) { return item.isString(); });
    }
    }
    return false;
}

} // namespace

std::optional<ApiError> JsonBody::parse(const QByteArray& body, const QList<Field>& fields, QJsonObject* out)
{
    QJsonObject object;
    if (!body.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError)
            return ApiError::badRequest(
                QStringLiteral("malformed_json"),
                tr("The body is not valid JSON: %1 at character %2.").arg(error.errorString()).arg(error.offset));
        if (!document.isObject())
            return ApiError::badRequest(QStringLiteral("malformed_json"),
                                        tr("The body must be a JSON object, like {\"comment\": \"...\"}."));
        object = document.object();
    }
    QStringList known;
    for (const Field& field : fields)
        known.append(field.name);
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return ApiError::badRequest(QStringLiteral("unknown_field"),
                                        known.isEmpty()
                                            ? tr("Unknown field \"%1\": this request takes no fields.").arg(it.key())
                                            : tr("Unknown field \"%1\": the fields here are %2.")
                                                  .arg(it.key(), known.join(QStringLiteral(", "))));
    }
    for (const Field& field : fields) {
        const QJsonValue value = object.value(field.name);
        if (value.isUndefined() || value.isNull()) {
            if (field.required)
                return ApiError::badRequest(
                    QStringLiteral("missing_field"),
                    tr("The field \"%1\" is required (%2).").arg(field.name, typeName(field.type)));
            object.remove(field.name);
            continue;
        }
        if (!hasType(value, field.type))
            return ApiError::badRequest(QStringLiteral("wrong_type"),
                                        tr("The field \"%1\" must be %2.").arg(field.name, typeName(field.type)));
    }
    if (out)
        *out = object;
    return std::nullopt;
}

} // namespace lockbox
