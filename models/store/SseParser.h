#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace lockbox {

// Reads a Server-Sent Events stream (text/event-stream) as it arrives, in pieces of any size:
// lines of "field: value", an empty line ending each event; comments (": keep-alive") ignored.
// https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
class SseParser
{
public:
    static constexpr qsizetype maxLineBytes = 1024 * 1024;

    struct Event
    {
        QString id; // the last id seen in the stream, this event's or an earlier one's
        QString name; // "message" when the event names none
        QString data; // the data lines joined with "\n"
    };

    // Takes the next bytes; returns the events they complete.
    QList<Event> feed(const QByteArray& bytes);
    // Drops a half-read event (after the connection dropped); keeps the last id.
    void reset();

    const QString& lastEventId() const { return m_lastEventId; }
    // The reconnection time the stream asked for ("retry: 2000"), or -1.
    int retryMilliseconds() const { return m_retryMilliseconds; }

private:
    void line(const QByteArray& text, QList<Event>* events);

    QByteArray m_buffer;
    QString m_name;
    QString m_data;
    bool m_hasData = false;
    QString m_lastEventId;
    int m_retryMilliseconds = -1;
};

} // namespace lockbox
