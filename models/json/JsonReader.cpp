#include "JsonReader.h"

#include <cmath>
#include <limits>

namespace lockbox {

JsonReader::JsonReader(const QJsonValue& value, QString what)
    : m_object(value.toObject())
    , m_what(std::move(what))
{
    if (!value.isObject())
        m_problem = tr("%1 should be a JSON object, not %2.").arg(m_what, typeName(value));
}

QString JsonReader::typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return tr("true or false");
    case QJsonValue::Double:
        return tr("a number");
    case QJsonValue::String:
        return tr("text");
    case QJsonValue::Array:
        return tr("a list");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return tr("nothing");
}

void JsonReader::fail(const QString& problem)
{
    if (m_problem.isEmpty())
        m_problem = tr("%1: %2.").arg(m_what, problem);
}

void JsonReader::invalid(const char* key, const QString& problem)
{
    if (ok())
        fail(tr("\"%1\" holds %2").arg(QLatin1String(key), problem));
}

Error JsonReader::error() const
{
    return Error(Error::Code::InvalidInput, m_problem);
}

bool JsonReader::has(const char* key) const
{
    return m_object.contains(QLatin1String(key));
}

QJsonValue JsonReader::field(const char* key, QJsonValue::Type type, bool nullable, const QString& expected)
{
    if (!ok())
        return {};
    const QLatin1String name(key);
    if (!m_object.contains(name)) {
        fail(tr("\"%1\" is missing").arg(name));
        return {};
    }
    const QJsonValue value = m_object.value(name);
    if (value.type() == type || (nullable && value.isNull()))
        return value;
    fail(tr("\"%1\" should be %2, not %3").arg(name, expected, typeName(value)));
    return {};
}

QString JsonReader::string(const char* key)
{
    return field(key, QJsonValue::String, false, tr("text")).toString();
}

QString JsonReader::optionalString(const char* key)
{
    return field(key, QJsonValue::String, true, tr("text or null")).toString();
}

bool JsonReader::boolean(const char* key)
{
    return field(key, QJsonValue::Bool, false, tr("true or false")).toBool();
}

qint64 JsonReader::largeInteger(const char* key)
{
    const QJsonValue value = field(key, QJsonValue::Double, false, tr("a whole number"));
    if (!value.isDouble())
        return 0;
    // Doubles hold whole numbers exactly up to 2^53: beyond that, or with a fraction, it is not one.
    const double number = value.toDouble();
    constexpr double largest = 9007199254740992.0;
    if (std::trunc(number) != number || std::abs(number) > largest) {
        fail(tr("\"%1\" should be a whole number, not %2").arg(QLatin1String(key)).arg(number));
        return 0;
    }
    return qint64(number);
}

int JsonReader::integer(const char* key)
{
    const qint64 number = largeInteger(key);
    if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
        fail(tr("\"%1\" is out of range: %2").arg(QLatin1String(key)).arg(number));
        return 0;
    }
    return int(number);
}

QDateTime JsonReader::optionalTime(const char* key)
{
    const QJsonValue value = field(key, QJsonValue::String, true, tr("a time or null"));
    if (!value.isString())
        return {};
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    // Without an offset the time would be read in this machine's zone: not the service's meaning.
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime) {
        invalid(key, tr("\"%1\", not an ISO 8601 time with an offset").arg(value.toString()));
        return {};
    }
    return time.toUTC();
}

QDateTime JsonReader::time(const char* key)
{
    const QDateTime time = optionalTime(key);
    if (ok() && !time.isValid())
        fail(tr("\"%1\" should be a time, not null").arg(QLatin1String(key)));
    return time;
}

QJsonArray JsonReader::array(const char* key)
{
    return field(key, QJsonValue::Array, false, tr("a list")).toArray();
}

QJsonObject JsonReader::object(const char* key)
{
    return field(key, QJsonValue::Object, false, tr("an object")).toObject();
}

} // namespace lockbox
