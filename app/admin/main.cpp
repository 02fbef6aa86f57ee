// lockbox-admin: the Lockbox Admin Center. Parses the command line, opens the store, signs in and
// shows the main window; everything else lives in ui/ and models/.
#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "common/AppLanguage.h"
#include "common/AppPalette.h"
#include "connect/ConnectDialog.h"
#include "connection/CredentialVault.h"
#include "connection/KeychainSigningKey.h"
#include "core/Guarded.h"
#include "core/SystemClock.h"
#include "demo/DemoClock.h"
#include "demo/DemoController.h"
#include "seed/SeedGenerator.h"
#include "session/Session.h"
#include "settings/AppSettings.h"
#include "store/RemoteStore.h"
#include "store/SqlStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QThreadPool>
#include <cstdio>
#include <optional>

using namespace lockbox;

namespace {

// --help and --version only print: they must work without a display too (over ssh, in a package's
// test), where a QApplication on the default platform aborts.
bool onlyPrints(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "-?" || argument == "--help-all"
            || argument == "--version" || argument == "-v")
            return true;
    }
    return false;
}

// --language is needed before the parser runs: its help texts are translated already.
std::optional<QString> languageArgument(int argc, char** argv)
{
    const QByteArray option("--language");
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == option && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (argument.startsWith(option + '='))
            return QString::fromLocal8Bit(argument.mid(option.size() + 1));
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv)
{
    const bool printsOnly = onlyPrints(argc, argv);
    if (printsOnly && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("lockbox-admin"));
    QApplication::setOrganizationName(QStringLiteral("Lockbox"));
    // The language first: every text from here on, the help's included, is translated. --help and
    // --version leave the settings alone.
    AppLanguage language;
    const std::optional<QString> languageOption = languageArgument(argc, argv);
    language.install(languageOption || printsOnly ? languageOption.value_or(QString()) : AppSettings().language());
    QApplication::setApplicationDisplayName(QObject::tr("Lockbox Admin Center"));
    QApplication::setApplicationVersion(QStringLiteral(LOCKBOX_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.lockbox.AdminCenter"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Lockbox Admin Center: review and decide on data access requests."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QObject::tr("Open a fresh training demo store (simulated data) in a temporary folder."));
    const QCommandLineOption store(
        QStringLiteral("store"), QObject::tr("Open the local store FILE."), QStringLiteral("FILE"));
    const QCommandLineOption as(QStringLiteral("as"),
                                QObject::tr("Sign in as PRINCIPAL (default for the demo: megan.bowen@contoso.com)."),
                                QStringLiteral("PRINCIPAL"));
    const QCommandLineOption tenant(QStringLiteral("tenant"),
                                    QObject::tr("Act in TENANT (default for the demo: contoso.onmicrosoft.com)."),
                                    QStringLiteral("TENANT"));
    const QCommandLineOption service(
        QStringLiteral("url"),
        QObject::tr("Sign in to the Lockbox service at URL (https://host:port). With --tenant and --user, a session "
                    "saved in the keychain is used without asking."),
        QStringLiteral("URL"));
    const QCommandLineOption user(
        QStringLiteral("user"), QObject::tr("Your user name at the service (with --url)."), QStringLiteral("USER"));
    const QCommandLineOption choose(
        QStringLiteral("connect"),
        QObject::tr("Choose a store file or a service in the connection dialog (recent ones are offered)."));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QObject::tr("Save a picture of every page into FOLDER, then quit."),
                                         QStringLiteral("FOLDER"));
    const QCommandLineOption languageChoice(
        QStringLiteral("language"),
        QObject::tr("Show the Admin Center in LANGUAGE for this run: en, de, fr or ar (default: the language chosen "
                    "in the Admin Center, else the system's)."),
        QStringLiteral("LANGUAGE"));
    const QCommandLineOption paletteChoice(
        QStringLiteral("palette"),
        QObject::tr("Paint with the PALETTE colours: system (the default: the desktop's), light or dark."),
        QStringLiteral("PALETTE"));
    parser.addOptions({demo, store, service, user, choose, as, tenant, screenshots, languageChoice, paletteChoice});
    parser.process(app);
    if (parser.isSet(languageChoice) && !AppLanguage::isAvailable(parser.value(languageChoice))) {
        std::fprintf(stderr,
                     "%s\n",
                     qPrintable(QObject::tr("There is no %1 translation of the Admin Center; choose en, de, fr or ar.")
                                    .arg(parser.value(languageChoice))));
        return 1;
    }
    const std::optional<AppPalette::Scheme> palette
        = AppPalette::fromName(parser.isSet(paletteChoice) ? parser.value(paletteChoice) : QStringLiteral("system"));
    if (!palette) {
        std::fprintf(stderr,
                     "%s\n",
                     qPrintable(QObject::tr("There is no %1 palette; choose %2.")
                                    .arg(parser.value(paletteChoice), AppPalette::names().join(QStringLiteral(", ")))));
        return 1;
    }
    AppPalette::apply(*palette);

    AppSettings settings;
    CredentialVault vault;
    std::unique_ptr<RemoteStore> remoteStore;
    QString path = parser.value(store);
    Actor who;
    const bool connectFirst
        = !parser.isSet(demo) && !parser.isSet(store) && (parser.isSet(service) || parser.isSet(choose));
    if (connectFirst) {
        ConnectDialog connect(&settings, &vault);
        if (parser.isSet(service)) {
            ServiceConnection wanted {QUrl(parser.value(service)), parser.value(tenant), parser.value(user), {}};
            for (const ServiceConnection& known : settings.recentServices()) {
                if (known.url == wanted.url && known.tenant == wanted.tenant && known.user == wanted.user)
                    wanted.pinnedSha256 = known.pinnedSha256;
            }
            connect.setService(wanted);
            if (wanted.isValid())
                connect.signInWithStoredToken();
        }
        if (connect.exec() != QDialog::Accepted)
            return 0;
        path = connect.localStorePath();
        remoteStore = connect.takeRemoteStore();
        who = connect.actor();
    }

    const bool isDemo = !remoteStore && path.isEmpty();
    QTemporaryDir demoFolder;
    const QDateTime demoStart = QDateTime::currentDateTimeUtc();
    if (isDemo) {
        if (!demoFolder.isValid()) {
            std::fprintf(
                stderr, "%s\n", qPrintable(QObject::tr("Cannot create a temporary folder for the demo store.")));
            return 1;
        }
        path = demoFolder.filePath(QStringLiteral("lockbox-demo.db"));
        SeedGenerator::Options options;
        options.end = demoStart;
        if (Result<int> seeded = SeedGenerator::createDemoStore(path, options); !seeded) {
            std::fprintf(stderr, "%s\n", qPrintable(seeded.error().message()));
            return 1;
        }
    }
    if (!remoteStore && !isDemo && !QFileInfo::exists(path)) {
        std::fprintf(stderr,
                     "%s\n",
                     qPrintable(QObject::tr("There is no Lockbox store at %1. Create one with "
                                            "'lockboxctl --store %1 tenant add ...', or try the demo with --demo.")
                                    .arg(path)));
        return 1;
    }
    const DemoCast cast = DemoCast::standard();
    if (!remoteStore)
        who = Actor {parser.isSet(as) ? parser.value(as) : cast.tenants.first().globalAdmin.principal,
                     parser.isSet(tenant) ? parser.value(tenant) : cast.tenants.first().id};

    // The demo runs on its own clock, which the trainee can speed up or stop.
    auto demoClock = std::make_shared<DemoClock>(demoStart);
    std::shared_ptr<const Clock> clock = demoClock;
    if (!isDemo)
        clock = std::make_shared<SystemClock>();
    std::unique_ptr<SqlStore> sqlStore;
    Store* theStore = remoteStore.get();
    if (!remoteStore) {
        sqlStore = std::make_unique<SqlStore>(path, clock);
        theStore = sqlStore.get();
    }
    Session session(theStore, clock);
    MainWindow window(&session, &settings);
    std::unique_ptr<DemoController> demoController;
    if (isDemo)
        demoController = std::make_unique<DemoController>(&window, &session, demoClock.get(), &settings, demoStart);
    ScreenshotTour tour(&window, parser.value(screenshots));
    QObject::connect(&window, &MainWindow::signOutRequested, &window, [&] {
        if (!remoteStore)
            return;
        const ServiceConnection signedOut {
            remoteStore->serviceUrl(), session.actor().tenantId, session.actor().principal, {}};
        const QString key = CredentialVault::accountKey(signedOut.url, signedOut.tenant, signedOut.user);
        remoteStore->followEvents(false);
        remoteStore->signOut().then(QCoreApplication::instance(), [&vault, key](const Status&) {
            // Forgotten here whatever the service said: the token is of no use any more.
            vault.remove(key, CredentialVault::Secret::Token).then(QCoreApplication::instance(), [](const Status&) {
                QApplication::quit();
            });
        });
    });

    auto fail = [&](const QString& message) {
        if (parser.isSet(screenshots)) {
            std::fprintf(stderr, "%s\n", qPrintable(message));
            QApplication::exit(1);
            return;
        }
        QMessageBox::critical(&window, QObject::tr("Lockbox Admin Center"), message);
        QApplication::exit(1);
    };
    QFuture<Status> opening = sqlStore ? sqlStore->open() : QtFuture::makeReadyFuture(Status::success());
    opening.then(
        QCoreApplication::instance(), guarded(&window, [&](const Status& opened) {
            if (!opened) {
                fail(opened.error().message());
                return;
            }
            session.signIn(who).then(
                QCoreApplication::instance(), guarded(&window, [&](const Status& signedIn) {
                    if (!signedIn) {
                        fail(signedIn.error().message());
                        return;
                    }
                    if (sqlStore && !isDemo)
                        settings.addRecentStore(path);
                    // Decisions are signed with the account's key from
                    // the keychain (the demo's, made per session).
                    if (!isDemo && vault.isAvailable()) {
                        const QUrl where = remoteStore ? remoteStore->serviceUrl() : QUrl::fromLocalFile(path);
                        KeychainSigningKey::loadOrCreate(
                            &vault,
                            CredentialVault::accountKey(where, session.actor().tenantId, session.actor().principal))
                            .then(QCoreApplication::instance(), guarded(&window, [&](const Result<SigningKey>& key) {
                                      if (key)
                                          session.setSigningKey(*key);
                                  }));
                    }
                    if (remoteStore)
                        remoteStore->followEvents(true);
                    if (demoController)
                        demoController->start();
                    if (parser.isSet(screenshots))
                        tour.start();
                }));
        }));
    QObject::connect(&tour, &ScreenshotTour::finished, &app, [](bool ok, const QString& message) {
        std::fprintf(ok ? stdout : stderr, "%s\n", qPrintable(message));
        QApplication::exit(ok ? 0 : 1);
    });
    window.show();
    const int code = QApplication::exec();
    // Background work (an audit export being cancelled) finishes before the store goes away.
    QThreadPool::globalInstance()->waitForDone();
    return code;
}
