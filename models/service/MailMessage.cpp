#include "MailMessage.h"

#include <QLocale>
#include <QRegularExpression>
#include <QUuid>

namespace lockbox {

namespace {

constexpr qsizetype maxLineLength = 76; // RFC 2045's limit for a quoted-printable line
constexpr qsizetype foldAt = 78; // RFC 5322's recommended header line length

bool isPrintableAscii(const QString& text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

// "Tue, 24 Nov 2026 08:00:00 +0000": RFC 5322's date-time, always in UTC.
QByteArray rfc5322Date(const QDateTime& date)
{
    return QLocale::c().toString(date.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " +0000";
}

// A header line, folded before a word that would take it past 78 characters.
QByteArray header(const QByteArray& name, const QByteArray& value)
{
    QByteArray line = name + ':';
    qsizetype lineLength = line.size();
    const QList<QByteArray> words = value.split(' ');
    for (const QByteArray& word : words) {
        if (lineLength + 1 + word.size() > foldAt && lineLength > name.size() + 1) {
            line += "\r\n";
            lineLength = 0;
        }
        line += ' ' + word;
        lineLength += 1 + word.size();
    }
    return line + "\r\n";
}

} // namespace

QString MailMessage::newMessageId(const QString& from)
{
    const QString domain = from.section(QLatin1Char('@'), -1);
    return QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".lockbox@")
        + (domain.isEmpty() ? QStringLiteral("localhost") : domain);
}

bool MailMessage::isAddress(const QString& address)
{
    static const QRegularExpression addrSpec(QStringLiteral("^[^\\s<>()\\[\\]\",;:@\\\\]+@[A-Za-z0-9.-]+$"));
    return address.size() <= 254 && isPrintableAscii(address) && addrSpec.match(address).hasMatch();
}

QByteArray MailMessage::quotedPrintable(const QString& text)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QStringList lines = normalized.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QByteArray utf8 = lines.at(index).toUtf8();
        QByteArray line;
        for (qsizetype i = 0; i < utf8.size(); ++i) {
            const auto byte = static_cast<unsigned char>(utf8.at(i));
            const bool last = i == utf8.size() - 1;
            // Spaces and tabs travel as they are, except at a line's end where servers strip them.
            const bool plain = (byte >= 33 && byte <= 126 && byte != '=') || ((byte == ' ' || byte == '\t') && !last);
            QByteArray piece(1, char(byte));
            if (!plain)
                piece = QByteArray(1, '=').append(hex[byte >> 4]).append(hex[byte & 0x0f]);
            // A soft break ("=" at the end) when the piece would not fit in 76 characters.
            if (line.size() + piece.size() > maxLineLength - 1) {
                out += line + "=\r\n";
                line.clear();
            }
            line += piece;
        }
        out += line;
        if (index < lines.size() - 1)
            out += "\r\n";
    }
    return out;
}

QByteArray MailMessage::headerText(const QString& text)
{
    if (isPrintableAscii(text))
        return text.toLatin1();
    // Encoded words of at most 75 characters each, never splitting a UTF-8 sequence.
    QByteArray out;
    QByteArray chunk;
    auto flush = [&] {
        if (chunk.isEmpty())
            return;
        if (!out.isEmpty())
            out += ' ';
        out += "=?UTF-8?B?" + chunk.toBase64() + "?=";
        chunk.clear();
    };
    const QByteArray utf8 = text.toUtf8();
    for (qsizetype i = 0; i < utf8.size();) {
        qsizetype length = 1;
        const auto lead = static_cast<unsigned char>(utf8.at(i));
        if (lead >= 0xf0)
            length = 4;
        else if (lead >= 0xe0)
            length = 3;
        else if (lead >= 0xc0)
            length = 2;
        if (chunk.size() + length > 45) // 45 bytes are 60 in Base64: 72 with the markers
            flush();
        chunk += utf8.mid(i, length);
        i += length;
    }
    flush();
    return out;
}

QByteArray MailMessage::encoded() const
{
    QByteArray recipients;
    for (const QString& address : to)
        recipients += (recipients.isEmpty() ? "" : ", ") + address.toLatin1();
    QByteArray sender = from.toLatin1();
    if (!fromName.isEmpty())
        sender = headerText(fromName) + " <" + sender + '>';
    QByteArray message;
    message += header("Date", rfc5322Date(date.isValid() ? date : QDateTime::currentDateTimeUtc()));
    message += header("From", sender);
    message += header("To", recipients);
    message += header("Subject", headerText(subject));
    message += header("Message-ID", '<' + messageId.toLatin1() + '>');
    message += header("MIME-Version", "1.0");
    message += header("Content-Type", "text/plain; charset=UTF-8");
    message += header("Content-Transfer-Encoding", "quoted-printable");
    // RFC 3834: sent by a program, so that vacation responders do not answer it.
    message += header("Auto-Submitted", "auto-generated");
    message += "\r\n";
    message += quotedPrintable(body);
    message += "\r\n";
    return message;
}

} // namespace lockbox
