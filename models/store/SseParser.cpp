#include "SseParser.h"

namespace lockbox {

QList<SseParser::Event> SseParser::feed(const QByteArray& bytes)
{
    QList<Event> events;
    m_buffer += bytes;
    qsizetype start = 0;
    for (;;) {
        // A line ends with LF, CR LF or CR; a CR at the end may still be followed by its LF.
        qsizetype end = start;
        while (end < m_buffer.size() && m_buffer.at(end) != '\n' && m_buffer.at(end) != '\r')
            ++end;
        if (end == m_buffer.size() || (m_buffer.at(end) == '\r' && end + 1 == m_buffer.size()))
            break;
        line(m_buffer.mid(start, end - start), &events);
        start = end + (m_buffer.at(end) == '\r' && m_buffer.at(end + 1) == '\n' ? 2 : 1);
    }
    m_buffer.remove(0, start);
    // A line this long is no event stream: drop it rather than grow without end.
    if (m_buffer.size() > maxLineBytes)
        m_buffer.clear();
    return events;
}

void SseParser::reset()
{
    m_buffer.clear();
    m_name.clear();
    m_data.clear();
    m_hasData = false;
}

void SseParser::line(const QByteArray& text, QList<Event>* events)
{
    if (text.isEmpty()) {
        if (m_hasData)
            events->append({m_lastEventId, m_name.isEmpty() ? QStringLiteral("message") : m_name, m_data});
        m_name.clear();
        m_data.clear();
        m_hasData = false;
        return;
    }
    if (text.startsWith(':'))
        return;
    const qsizetype colon = text.indexOf(':');
    const QByteArray field = colon < 0 ? text : text.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : text.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "event") {
        m_name = QString::fromUtf8(value);
    } else if (field == "data") {
        if (m_hasData)
            m_data += QLatin1Char('\n');
        m_data += QString::fromUtf8(value);
        m_hasData = true;
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastEventId = QString::fromUtf8(value);
    } else if (field == "retry") {
        bool ok = false;
        const int milliseconds = value.toInt(&ok);
        if (ok && milliseconds >= 0)
            m_retryMilliseconds = milliseconds;
    }
}

} // namespace lockbox
