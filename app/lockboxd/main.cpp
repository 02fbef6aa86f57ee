// lockboxd: the Lockbox service. Parses its options, opens the store and serves the API.
#include "core/SystemClock.h"
#include "service/ApiServer.h"
#include "service/MailNotifier.h"
#include "service/ServiceConfigFile.h"
#include "service/ShutdownSignals.h"
#include "signing/KeyFile.h"
#include "store/SqlStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

using namespace lockbox;

namespace {

QString defaultDatabase()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("lockboxd.db"));
}

QString defaultEndorsementKey()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("endorsement.key"));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lockboxd"));
    QCoreApplication::setOrganizationName(QStringLiteral("lockbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKBOX_VERSION));
    QTextStream err(stderr);
    QTextStream out(stdout);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "lockboxd",
        "The Lockbox service: the shared store of data access requests, with its JSON API under /api/v1.\n"
        "Examples:\n"
        "  lockboxd --config /etc/lockbox/lockboxd.conf\n"
        "  lockboxd --database /var/lib/lockbox/lockbox.db\n"
        "  lockboxd --database postgresql://lockbox@db.example/lockbox --listen 0.0.0.0 "
        "--tls-cert cert.pem --tls-key key.pem\n"
        "  lockboxd --smtp-url smtp://mail.example:587 --smtp-starttls --smtp-from lockbox@example.com "
        "--smtp-user lockbox --smtp-password-file /etc/lockbox/smtp-password"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(
        QStringLiteral("database"),
        QCoreApplication::translate("lockboxd", "SQLite file, or postgresql://user@host:port/dbname (default: %1).")
            .arg(defaultDatabase()),
        QStringLiteral("PATH-OR-URL"),
        defaultDatabase());
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QCoreApplication::translate("lockboxd", "Address to listen on (default: 127.0.0.1)."),
        QStringLiteral("ADDRESS"),
        QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QCoreApplication::translate("lockboxd",
                                                              "Port to listen on (default: %1; 0 picks a "
                                                              "free one and prints it).")
                                      .arg(ServiceOptions::defaultPort),
                                  QStringLiteral("PORT"),
                                  QString::number(ServiceOptions::defaultPort));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QCoreApplication::translate("lockboxd", "PEM certificate (chain) for HTTPS."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QCoreApplication::translate("lockboxd", "PEM private key for HTTPS."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption insecure(
        QStringLiteral("insecure-http"),
        QCoreApplication::translate("lockboxd",
                                    "Allow plain HTTP on an address other than loopback (only behind a TLS proxy)."));
    const QCommandLineOption maxBody(QStringLiteral("max-body-kib"),
                                     QCoreApplication::translate("lockboxd",
                                                                 "Largest request body accepted, in KiB "
                                                                 "(default: %1).")
                                         .arg(ServiceOptions::defaultMaxBodyBytes / 1024),
                                     QStringLiteral("KIB"),
                                     QString::number(ServiceOptions::defaultMaxBodyBytes / 1024));
    const QCommandLineOption connections(
        QStringLiteral("connections"),
        QCoreApplication::translate("lockboxd",
                                    "Database connections for reading, each on a thread of its own; on PostgreSQL "
                                    "one more writes the decisions (default: %1).")
            .arg(ServiceOptions::defaultConnections),
        QStringLiteral("COUNT"),
        QString::number(ServiceOptions::defaultConnections));
    const QCommandLineOption endorsementKey(
        QStringLiteral("endorsement-key"),
        QCoreApplication::translate("lockboxd",
                                    "The key file lockboxd endorses the approvers' signing keys with, made (mode 600) "
                                    "on first start; keep it outside the database and back it up (default: %1).")
            .arg(defaultEndorsementKey()),
        QStringLiteral("FILE"),
        defaultEndorsementKey());
    const QCommandLineOption configFile(
        QStringLiteral("config"),
        QCoreApplication::translate("lockboxd",
                                    "Read settings from FILE, one \"key = value\" a line named like these options; "
                                    "options given here win over the file."),
        QStringLiteral("FILE"));
    const QCommandLineOption smtpUrl(
        QStringLiteral("smtp-url"),
        QCoreApplication::translate("lockboxd",
                                    "E-mail each tenant's approvers through this server when a request awaits them "
                                    "and when one expires within the hour: smtp://host[:port] or "
                                    "smtps://host[:port]. Without it, no mail."),
        QStringLiteral("URL"));
    const QCommandLineOption smtpFrom(QStringLiteral("smtp-from"),
                                      QCoreApplication::translate("lockboxd", "The address Lockbox's mail comes from."),
                                      QStringLiteral("ADDRESS"));
    const QCommandLineOption smtpUser(QStringLiteral("smtp-user"),
                                      QCoreApplication::translate("lockboxd", "Sign in to the mail server as USER."),
                                      QStringLiteral("USER"));
    const QCommandLineOption smtpPasswordFile(
        QStringLiteral("smtp-password-file"),
        QCoreApplication::translate("lockboxd",
                                    "The mail server password, on the first line of FILE, which only its owner may "
                                    "read (chmod 600)."),
        QStringLiteral("FILE"));
    const QCommandLineOption smtpStartTls(
        QStringLiteral("smtp-starttls"),
        QCoreApplication::translate("lockboxd",
                                    "Send no mail unless the smtp:// server switches to TLS (STARTTLS); without it "
                                    "TLS is used whenever the server offers it."));
    parser.addOptions({configFile,
                       database,
                       listen,
                       port,
                       tlsCert,
                       tlsKey,
                       insecure,
                       maxBody,
                       connections,
                       endorsementKey,
                       smtpUrl,
                       smtpFrom,
                       smtpUser,
                       smtpPasswordFile,
                       smtpStartTls});
    parser.process(app);

    ServiceOptions options;
    options.database = defaultDatabase();
    options.endorsementKeyFile = defaultEndorsementKey();
    if (parser.isSet(configFile)) {
        const Result<ServiceConfigFile> config = ServiceConfigFile::read(parser.value(configFile));
        if (!config) {
            err << QCoreApplication::translate("lockboxd", "lockboxd: %1").arg(config.error().message()) << Qt::endl;
            return 1;
        }
        config->applyTo(options);
    }
    // Only the options given on the command line override the defaults and the file, checked by
    // the file's own rules.
    QList<std::pair<QString, QString>> given;
    for (const QString& key : ServiceConfigFile::keys()) {
        if (parser.isSet(key))
            given.append(
                {key, ServiceConfigFile::flagKeys().contains(key) ? QStringLiteral("yes") : parser.value(key)});
    }
    const Result<ServiceConfigFile> commandLine = ServiceConfigFile::fromCommandLine(given, QDir::current());
    if (!commandLine) {
        err << QCoreApplication::translate("lockboxd", "lockboxd: %1").arg(commandLine.error().message()) << Qt::endl;
        return 1;
    }
    commandLine->applyTo(options);
    std::optional<SmtpMailer::Settings> mail;
    if (!options.smtpUrl.isEmpty()) {
        Result<SmtpMailer::Settings> smtp = SmtpMailer::configure(options);
        if (!smtp) {
            err << QCoreApplication::translate("lockboxd", "lockboxd: %1").arg(smtp.error().message()) << Qt::endl;
            return 1;
        }
        mail = *smtp;
    }

    if (!options.database.contains(QLatin1String("://")))
        QDir().mkpath(QFileInfo(options.database).absolutePath());
    const auto clock = std::make_shared<SystemClock>();
    bool madeEndorsementKey = false;
    const Result<SigningKey> endorser = KeyFile::readOrCreate(options.endorsementKeyFile, &madeEndorsementKey);
    if (!endorser) {
        err << QCoreApplication::translate("lockboxd", "lockboxd: %1").arg(endorser.error().message()) << Qt::endl;
        return 1;
    }
    SqlStore store(options.database, clock);
    store.setConnectionCount(options.connections);
    store.setEndorsementKey(*endorser);
    if (Status opened = store.open().result(); !opened) {
        err << QCoreApplication::translate("lockboxd", "lockboxd: %1").arg(opened.error().message()) << Qt::endl;
        return 4;
    }
    ApiServer server(store, clock);
    Result<quint16> listening = server.listen(options);
    if (!listening) {
        err << QCoreApplication::translate("lockboxd", "lockboxd: %1").arg(listening.error().message()) << Qt::endl;
        return 1;
    }
    out << QCoreApplication::translate("lockboxd", "lockboxd %1 serving %2 on %3://%4:%5/api/v1")
               .arg(QCoreApplication::applicationVersion(),
                    store.location(),
                    server.usesTls() ? QStringLiteral("https") : QStringLiteral("http"),
                    options.address.toString())
               .arg(*listening)
        << Qt::endl;
    out << (madeEndorsementKey ? QCoreApplication::translate("lockboxd",
                                                             "lockboxd made its endorsement key %1 (%2): back it up; "
                                                             "keys it endorsed count only with it")
                               : QCoreApplication::translate("lockboxd", "lockboxd endorses signing keys with %1 (%2)"))
               .arg(options.endorsementKeyFile, endorser->fingerprint())
        << Qt::endl;
    std::unique_ptr<MailNotifier> notifier;
    if (mail) {
        notifier = std::make_unique<MailNotifier>(store, clock, *mail);
        QObject::connect(notifier.get(), &MailNotifier::started, &app, [&out, &mail] {
            out << QCoreApplication::translate("lockboxd", "lockboxd e-mails approvers through %1 as %2")
                       .arg(SmtpMailer::displayUrl(mail->url), mail->from)
                << Qt::endl;
        });
        notifier->start();
    }

    ShutdownSignals signals_;
    QObject::connect(&signals_, &ShutdownSignals::shutdownRequested, &app, [&app] { app.quit(); });
    return app.exec();
}
