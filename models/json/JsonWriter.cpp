#include "JsonWriter.h"

namespace lockbox {

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_empty.isEmpty()) {
        if (!m_empty.last())
            m_out.append(',');
        m_empty.last() = false;
    }
}

void JsonWriter::open(char bracket)
{
    beforeValue();
    m_out.append(bracket);
    m_empty.append(true);
}

void JsonWriter::close(char bracket)
{
    Q_ASSERT(!m_empty.isEmpty() && !m_afterKey);
    m_empty.removeLast();
    m_out.append(bracket);
}

void JsonWriter::beginObject()
{
    open('{');
}

void JsonWriter::endObject()
{
    close('}');
}

void JsonWriter::beginArray()
{
    open('[');
}

void JsonWriter::endArray()
{
    close(']');
}

void JsonWriter::key(QLatin1StringView name)
{
    Q_ASSERT(!m_afterKey);
    beforeValue();
    m_out.append('"');
    m_out.append(name.data(), name.size());
    m_out.append("\":", 2);
    m_afterKey = true;
}

void JsonWriter::appendEscaped(const QByteArray& utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    m_out.append('"');
    const char* begin = utf8.constData();
    const char* end = begin + utf8.size();
    const char* plain = begin; // start of the run not yet copied
    for (const char* at = begin; at != end; ++at) {
        const auto c = static_cast<unsigned char>(*at);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        m_out.append(plain, at - plain);
        plain = at + 1;
        switch (c) {
        case '"':
            m_out.append("\\\"", 2);
            break;
        case '\\':
            m_out.append("\\\\", 2);
            break;
        case '\n':
            m_out.append("\\n", 2);
            break;
        case '\r':
            m_out.append("\\r", 2);
            break;
        case '\t':
            m_out.append("\\t", 2);
            break;
        case '\b':
            m_out.append("\\b", 2);
            break;
        case '\f':
            m_out.append("\\f", 2);
            break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            m_out.append(escaped, sizeof escaped);
        }
        }
    }
    m_out.append(plain, end - plain);
    m_out.append('"');
}

void JsonWriter::value(const QString& text)
{
    beforeValue();
    appendEscaped(text.toUtf8());
}

void JsonWriter::value(QLatin1StringView text)
{
    beforeValue();
    appendEscaped(QString(text).toUtf8());
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    m_out.append(QByteArray::number(number));
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    m_out.append(flag ? QByteArrayView("true") : QByteArrayView("false"));
}

void JsonWriter::null()
{
    beforeValue();
    m_out.append("null", 4);
}

void JsonWriter::textOrNull(const QString& text)
{
    if (text.isEmpty())
        null();
    else
        value(text);
}

} // namespace lockbox
