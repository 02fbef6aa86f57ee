#pragma once

#include "MailMessage.h"
#include "ServiceOptions.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QUrl>
#include <atomic>
#include <optional>

namespace lockbox {

// Sends one e-mail over SMTP with libcurl: smtp:// (STARTTLS when the server offers it, or
// required), smtps:// (TLS from the start), with an optional user and password, and a time limit.
// send() blocks until the server has the message or refused it: call it on a worker thread.
// Errors name the server without any credentials; a transient failure (unreachable, timed out,
// a 4xx reply) is Unavailable, worth another try; anything else will fail the same way again.
class SmtpMailer
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SmtpMailer)

public:
    struct Settings
    {
        QUrl url; // smtp://host[:port] or smtps://host[:port], no user or password in it
        QString from;
        QString user;
        QString password;
        bool requireStartTls = false;
        int connectTimeoutSeconds = 10;
        int timeoutSeconds = 60;
    };

    // The settings that lockboxd's options describe: checks the URL and the sender's address and
    // reads the password file, which only its owner may read.
    static Result<Settings> configure(const ServiceOptions& options);
    // What is wrong with an SMTP URL, if anything.
    static std::optional<QString> urlProblem(const QString& url);
    // "smtp://mail.example:587": how messages name the server.
    static QString displayUrl(const QUrl& url);

    explicit SmtpMailer(Settings settings);

    // Sends `message` to its recipients. Gives up early when `cancel` turns true.
    Status send(const MailMessage& message, const std::atomic<bool>* cancel = nullptr) const;

private:
    Settings m_settings;
};

} // namespace lockbox
