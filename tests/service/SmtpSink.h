#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>

// A local SMTP server on loopback for the mail tests: tests/service/smtp_sink.py on aiosmtpd
// (Debian package python3-aiosmtpd), on a free port. It keeps every message it accepts, with
// its envelope, and stops with the test.
class SmtpSink : public QObject
{
    Q_OBJECT

public:
    struct Mail
    {
        QString mailFrom;
        QStringList recipients; // the envelope's, sorted
        QString login; // who signed in, when --auth asked for it
        QByteArray raw; // as received, dot-stuffing undone
        QJsonObject headers;
        QString subject;
        QString body; // decoded
    };

    // `arguments`: smtp_sink.py's options (--refuse-first N, --auth USER:PASS).
    explicit SmtpSink(QStringList arguments = {});
    ~SmtpSink() override;

    // Starts it and waits until it listens. False with a message naming what is missing.
    bool start(QString* problem);
    QString url() const;
    const QList<Mail>& mails() const { return m_mails; }
    // Messages answered with 451 (--refuse-first).
    int refused() const { return m_refused; }

private:
    void readLines();

    QStringList m_arguments;
    QProcess m_process;
    QByteArray m_pending;
    quint16 m_port = 0;
    QList<Mail> m_mails;
    int m_refused = 0;
};
