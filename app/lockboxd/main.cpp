// lockboxd: the Lockbox service. Parses its options, opens the store and serves the API.
#include "core/SystemClock.h"
#include "service/ApiServer.h"
#include "service/ShutdownSignals.h"
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
        "  lockboxd --database /var/lib/lockbox/lockbox.db\n"
        "  lockboxd --database postgresql://lockbox@db.example/lockbox --listen 0.0.0.0 "
        "--tls-cert cert.pem --tls-key key.pem"));
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
    parser.addOptions({database, listen, port, tlsCert, tlsKey, insecure, maxBody});
    parser.process(app);

    ServiceOptions options;
    options.database = parser.value(database);
    if (!options.address.setAddress(parser.value(listen))) {
        err << QCoreApplication::translate("lockboxd",
                                           "lockboxd: --listen takes an IP address such as 127.0.0.1 or "
                                           "0.0.0.0; \"%1\" is not one.")
                   .arg(parser.value(listen))
            << Qt::endl;
        return 1;
    }
    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535) {
        err << QCoreApplication::translate("lockboxd", "lockboxd: --port takes a number from 0 to 65535.") << Qt::endl;
        return 1;
    }
    options.port = static_cast<quint16>(portNumber);
    const qint64 kib = parser.value(maxBody).toLongLong(&ok);
    if (!ok || kib < 1 || kib > 100 * 1024) {
        err << QCoreApplication::translate("lockboxd", "lockboxd: --max-body-kib takes a number from 1 to 102400.")
            << Qt::endl;
        return 1;
    }
    options.maxBodyBytes = kib * 1024;
    options.tlsCertificate = parser.value(tlsCert);
    options.tlsKey = parser.value(tlsKey);
    options.allowPlainHttp = parser.isSet(insecure);

    if (!options.database.contains(QLatin1String("://")))
        QDir().mkpath(QFileInfo(options.database).absolutePath());
    SqlStore store(options.database, std::make_shared<SystemClock>());
    if (Status opened = store.open().result(); !opened) {
        err << QCoreApplication::translate("lockboxd", "lockboxd: %1").arg(opened.error().message()) << Qt::endl;
        return 4;
    }
    ApiServer server(store, std::make_shared<SystemClock>());
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

    ShutdownSignals signals_;
    QObject::connect(&signals_, &ShutdownSignals::shutdownRequested, &app, [&app] { app.quit(); });
    return app.exec();
}
