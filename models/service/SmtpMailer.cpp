#include "SmtpMailer.h"

#include <QFile>
#include <QHostAddress>

#include <cerrno>
#include <cstring>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <sys/stat.h>

namespace lockbox {

namespace {

void initialiseCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload
{
    QByteArray data;
    qsizetype sent = 0;
};

size_t readUpload(char* buffer, size_t size, size_t count, void* userData)
{
    auto* upload = static_cast<Upload*>(userData);
    const auto chunk = std::min<qsizetype>(qsizetype(size * count), upload->data.size() - upload->sent);
    std::memcpy(buffer, upload->data.constData() + upload->sent, size_t(chunk));
    upload->sent += chunk;
    return size_t(chunk);
}

int checkCancel(void* userData, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto* cancel = static_cast<const std::atomic<bool>*>(userData);
    return cancel && cancel->load() ? 1 : 0;
}

struct CurlEasyDeleter
{
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

struct SlistDeleter
{
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

bool isLoopback(const QString& host)
{
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

} // namespace

SmtpMailer::SmtpMailer(Settings settings)
    : m_settings(std::move(settings))
{
    initialiseCurl();
}

std::optional<QString> SmtpMailer::urlProblem(const QString& url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!parsed.isValid() || (scheme != QLatin1String("smtp") && scheme != QLatin1String("smtps"))
        || parsed.host().isEmpty())
        return tr("the SMTP server is given as smtp://host[:port] or smtps://host[:port]; \"%1\" is not one.")
            .arg(parsed.isValid() ? displayUrl(parsed) : url.section(QLatin1Char('@'), -1));
    if (!parsed.userInfo().isEmpty())
        return tr("put no user or password in the SMTP URL: give the user with smtp-user and the password "
                  "in a file named by smtp-password-file.");
    return std::nullopt;
}

QString SmtpMailer::displayUrl(const QUrl& url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

Result<SmtpMailer::Settings> SmtpMailer::configure(const ServiceOptions& options)
{
    auto refuse = [](const QString& problem) {
        return Error(Error::Code::InvalidInput, problem);
    };
    if (std::optional<QString> problem = urlProblem(options.smtpUrl))
        return refuse(tr("--smtp-url: %1").arg(*problem));
    Settings settings;
    settings.url = QUrl(options.smtpUrl, QUrl::StrictMode);
    settings.from = options.smtpFrom.trimmed();
    settings.user = options.smtpUser.trimmed();
    settings.requireStartTls = options.smtpStartTls;
    if (settings.from.isEmpty())
        return refuse(tr("--smtp-url needs --smtp-from, the address Lockbox's mail comes from "
                         "(e.g. lockbox@contoso.com)."));
    if (!MailMessage::isAddress(settings.from))
        return refuse(
            tr("--smtp-from takes an address like lockbox@contoso.com; \"%1\" is not one.").arg(settings.from));
    const bool implicitTls = settings.url.scheme() == QLatin1String("smtps");
    if (settings.requireStartTls && implicitTls)
        return refuse(tr("--smtp-starttls is for smtp:// URLs; smtps:// uses TLS from the start already."));
    if (settings.user.isEmpty() != options.smtpPasswordFile.isEmpty())
        return refuse(tr("Give --smtp-user and --smtp-password-file together, or neither."));
    if (settings.user.isEmpty())
        return settings;

    // The password would cross the network readable by anyone on the way.
    if (!implicitTls && !settings.requireStartTls && !isLoopback(settings.url.host()))
        return refuse(tr("Signing in to %1 over plain SMTP would send the password unencrypted: use an smtps:// "
                         "URL or --smtp-starttls.")
                          .arg(displayUrl(settings.url)));
    const QString path = options.smtpPasswordFile;
    struct stat status
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return refuse(
            tr("Cannot read the SMTP password file %1: %2.").arg(path, QString::fromLocal8Bit(strerror(errno))));
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return refuse(tr("The SMTP password file %1 is open to other users (mode %2); make it readable by its "
                         "owner only: chmod 600 %1")
                          .arg(path, QString::number(status.st_mode & 07777, 8).rightJustified(4, QLatin1Char('0'))));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(tr("Cannot read the SMTP password file %1: %2.").arg(path, file.errorString()));
    // The first line; a final newline is not part of the password.
    settings.password = QString::fromUtf8(file.readLine(4096)).remove(QLatin1Char('\n')).remove(QLatin1Char('\r'));
    if (settings.password.isEmpty())
        return refuse(tr("The SMTP password file %1 is empty; put the password on its first line.").arg(path));
    return settings;
}

Status SmtpMailer::send(const MailMessage& message, const std::atomic<bool>* cancel) const
{
    const QString server = displayUrl(m_settings.url);
    std::unique_ptr<CURL, CurlEasyDeleter> curl(curl_easy_init());
    if (!curl)
        return Error(Error::Code::Internal, tr("Could not start a mail transfer (libcurl)."));
    if (message.to.isEmpty())
        return Error(Error::Code::InvalidInput, tr("The mail \"%1\" has no recipients.").arg(message.subject));
    curl_slist* list = nullptr;
    for (const QString& address : message.to) {
        curl_slist* appended = curl_slist_append(list, ('<' + address.toLatin1() + '>').constData());
        if (!appended) {
            curl_slist_free_all(list);
            return Error(Error::Code::Internal, tr("Out of memory listing the mail's recipients."));
        }
        list = appended;
    }
    const std::unique_ptr<curl_slist, SlistDeleter> recipients(list);
    Upload upload {message.encoded(), 0};
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray url = m_settings.url.toString(QUrl::FullyEncoded).toUtf8();
    const QByteArray from = '<' + m_settings.from.toLatin1() + '>';
    const QByteArray user = m_settings.user.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    CURL* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(handle, CURLOPT_URL, url.constData());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, long(m_settings.connectTimeoutSeconds));
    curl_easy_setopt(handle, CURLOPT_TIMEOUT, long(m_settings.timeoutSeconds));
    // STARTTLS whenever the server offers it; with --smtp-starttls, nothing goes without it.
    curl_easy_setopt(handle, CURLOPT_USE_SSL, long(m_settings.requireStartTls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (!m_settings.user.isEmpty()) {
        curl_easy_setopt(handle, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, password.constData());
    }
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    // One refused address does not keep the message from the others.
#if LIBCURL_VERSION_NUM >= 0x080200
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLOWFAILS, 1L);
#else
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1L);
#endif
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, checkCancel);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel));

    const CURLcode result = curl_easy_perform(handle);
    if (result == CURLE_OK)
        return Status::success();
    long reply = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply);
    const QString detail = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(result));
    switch (result) {
    case CURLE_ABORTED_BY_CALLBACK:
        return Error(Error::Code::Unavailable,
                     tr("Sending mail through %1 was stopped: lockboxd is shutting down.").arg(server));
    case CURLE_LOGIN_DENIED:
        return Error(Error::Code::PermissionDenied,
                     tr("The mail server %1 refused the sign-in of %2: %3. Check --smtp-user and the password file.")
                         .arg(server, m_settings.user, detail));
    case CURLE_USE_SSL_FAILED:
        return Error(
            Error::Code::InvalidState,
            tr("The mail server %1 does not offer STARTTLS, which --smtp-starttls requires: %2.").arg(server, detail));
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
        return Error(Error::Code::InvalidState,
                     tr("TLS with the mail server %1 failed: %2. Check that its certificate is valid for its name "
                        "and trusted by this machine.")
                         .arg(server, detail));
    default:
        break;
    }
    if (reply >= 500)
        return Error(Error::Code::InvalidInput,
                     tr("The mail server %1 refused the message (SMTP %2): %3.").arg(server).arg(reply).arg(detail));
    if (reply >= 400)
        return Error(
            Error::Code::Unavailable,
            tr("The mail server %1 asked to try again later (SMTP %2): %3.").arg(server).arg(reply).arg(detail));
    return Error(Error::Code::Unavailable, tr("The mail server %1 could not be reached: %2.").arg(server, detail));
}

} // namespace lockbox
