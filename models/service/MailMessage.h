#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lockbox {

// One plain-text e-mail as lockboxd sends it: RFC 5322 headers (Date, From, To, Subject,
// Message-ID, MIME-Version, Content-Type, Content-Transfer-Encoding), CRLF line ends, a UTF-8 body
// in quoted-printable and a UTF-8 subject as an RFC 2047 encoded word, so that it passes any
// server whatever the text holds. Leading dots are the transport's business (libcurl stuffs them).
struct MailMessage
{
    QString fromName; // shown beside the address: "Lockbox"
    QString from; // the envelope and header sender: lockbox@example.com
    QStringList to;
    QString subject;
    QString body; // lines separated by \n
    QDateTime date;
    QString messageId; // without the angle brackets: unique@domain

    // The whole message, ready for the SMTP DATA command.
    QByteArray encoded() const;

    // A fresh Message-ID on the sender's domain.
    static QString newMessageId(const QString& from);
    // Whether `address` is a plain addr-spec (user@domain) that is safe in a header and an SMTP
    // command: no spaces, angle brackets, quotes, commas or control characters.
    static bool isAddress(const QString& address);
    // The body transfer encoding: lines of at most 76 characters, soft breaks with "=".
    static QByteArray quotedPrintable(const QString& text);
    // A header value as is when it is printable ASCII, else as RFC 2047 encoded words.
    static QByteArray headerText(const QString& text);
};

} // namespace lockbox
