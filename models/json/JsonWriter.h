#pragma once

#include <QByteArray>
#include <QString>
#include <QVarLengthArray>

namespace lockbox {

// Writes compact JSON (UTF-8) straight into bytes, for the answers the service sends most: a
// page of 50 requests built as QJsonObjects and then serialized costs several times as much.
// The caller keeps the structure right (a key before each value in an object, begin and end
// paired); strings are escaped as RFC 8259 asks.
class JsonWriter
{
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // The next value's name in the current object. `name` is plain ASCII (a field name).
    void key(QLatin1StringView name);

    void value(const QString& text);
    void value(QLatin1StringView text);
    void value(qint64 number);
    void value(int number) { value(static_cast<qint64>(number)); }
    void value(bool flag);
    void null();
    // The text, or null when it is empty (as RequestJson::text).
    void textOrNull(const QString& text);

    const QByteArray& bytes() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void beforeValue();
    void open(char bracket);
    void close(char bracket);
    void appendEscaped(const QByteArray& utf8);

    QByteArray m_out;
    QVarLengthArray<bool, 8> m_empty; // per open container: nothing written in it yet
    bool m_afterKey = false;
};

} // namespace lockbox
