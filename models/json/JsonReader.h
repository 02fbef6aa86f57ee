#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace lockbox {

// Reads one JSON object for the fromJson functions, strictly: every field must be there with the
// type its toJson writes ("text or null" only where toJson writes null). The first mismatch
// becomes the reader's error, naming the object and the field ("A request: \"durationMinutes\"
// should be a whole number, not text."); after it the readers return empty values, so a caller
// reads every field and checks error() once. Fields it was not asked about are ignored.
class JsonReader
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::JsonReader)

public:
    // `what` names the object in messages: "A request", "A session".
    JsonReader(const QJsonValue& value, QString what);

    bool has(const char* key) const;
    QString string(const char* key);
    // Text or null (RequestJson::text): empty for null.
    QString optionalString(const char* key);
    int integer(const char* key);
    qint64 largeInteger(const char* key);
    bool boolean(const char* key);
    // An ISO 8601 time with an offset or Z, as UTC.
    QDateTime time(const char* key);
    // A time or null (RequestJson::time): invalid for null.
    QDateTime optionalTime(const char* key);
    QJsonArray array(const char* key);
    QJsonObject object(const char* key);
    // The items of the array `key`, each read by `parse` (a fromJson returning Result<T>).
    template <typename T, typename Parse>
    QList<T> list(const char* key, Parse parse);

    // A field of the right type whose value is wrong: "unknown status \"Lapsed\"".
    void invalid(const char* key, const QString& problem);

    bool ok() const { return m_problem.isEmpty(); }
    // An InvalidInput Error with the first problem; only when !ok().
    Error error() const;

    // "text", "a number", "null", ... for messages.
    static QString typeName(const QJsonValue& value);

private:
    // The field when it has `type` (or is null and `nullable`), else records the problem.
    QJsonValue field(const char* key, QJsonValue::Type type, bool nullable, const QString& expected);
    void fail(const QString& problem);

    QJsonObject m_object;
    QString m_what;
    QString m_problem;
};

template <typename T, typename Parse>
QList<T> JsonReader::list(const char* key, Parse parse)
{
    QList<T> items;
    const QJsonArray values = array(key);
    for (qsizetype index = 0; index < values.size() && ok(); ++index) {
        Result<T> item = parse(values.at(index));
        if (!item) {
            QString problem = item.error().message();
            if (problem.endsWith(QLatin1Char('.')))
                problem.chop(1);
            fail(tr("item %1 of \"%2\": %3").arg(index + 1).arg(QLatin1String(key), problem));
        } else {
            items.append(std::move(item).value());
        }
    }
    return items;
}

} // namespace lockbox
