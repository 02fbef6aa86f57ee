// Prints how the Admin Center performs on a large store: time from launch to the first page of
// rows, time to apply a filter and a sort, and resident memory. A benchmark, not a test: it
// asserts nothing, it reports. Usage: bench_admin_center [--requests N] [--store FILE]
#include "MainWindow.h"
#include "core/Guarded.h"
#include "core/SystemClock.h"
#include "itemmodels/RequestTableModel.h"
#include "requests/RequestsPage.h"
#include "seed/LargeStoreGenerator.h"
#include "session/Session.h"
#include "settings/AppSettings.h"
#include "store/SqlStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace lockbox;

namespace {

double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

// Waits until the model has finished loading a page; returns the milliseconds it took.
double timeUntilLoaded(RequestTableModel* model, const std::function<void()>& action)
{
    QElapsedTimer timer;
    timer.start();
    action();
    if (!QTest::qWaitFor([&] { return !model->isLoading() && model->rowCount() > 0; }, 60'000))
        return -1;
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption requests(QStringLiteral("requests"),
                                      QStringLiteral("Requests in the generated store."),
                                      QStringLiteral("N"),
                                      QStringLiteral("1000000"));
    const QCommandLineOption storeOption(
        QStringLiteral("store"), QStringLiteral("Use (or create) this store file."), QStringLiteral("FILE"));
    parser.addOptions({requests, storeOption});
    parser.process(app);

    QTemporaryDir dir;
    const QString path
        = parser.isSet(storeOption) ? parser.value(storeOption) : dir.filePath(QStringLiteral("large.db"));
    if (!QFileInfo::exists(path)) {
        LargeStoreGenerator::Options options;
        options.requests = parser.value(requests).toLongLong();
        options.now = QDateTime::currentDateTimeUtc();
        QElapsedTimer timer;
        timer.start();
        Result<qint64> made = LargeStoreGenerator::generate(path, options, [&timer](qint64 written) {
            if (written < 0)
                std::fprintf(stderr, "\nrows written after %.1f s; building indexes", double(timer.elapsed()) / 1000.0);
            else
                std::fprintf(stderr, "\rgenerating: %lld requests", static_cast<long long>(written));
        });
        if (!made) {
            std::fprintf(stderr, "\n%s\n", qPrintable(made.error().message()));
            return 1;
        }
        std::printf("\nstore generation: %lld requests in %.1f s (%.0f MB on disk)\n",
                    static_cast<long long>(*made),
                    double(timer.elapsed()) / 1000.0,
                    double(QFileInfo(path).size()) / 1e6);
        std::fflush(stdout);
        // Measure the Admin Center in a process of its own, untouched by the generator's memory.
        QProcess measure;
        measure.setProcessChannelMode(QProcess::ForwardedChannels);
        measure.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--store"), path});
        measure.waitForFinished(-1);
        return measure.exitCode();
    }
    const double baseline = residentMegabytes();

    QElapsedTimer launch;
    launch.start();
    auto clock = std::make_shared<SystemClock>();
    SqlStore store(path, clock);
    Session session(&store, clock);
    QTemporaryDir settingsDir;
    AppSettings settings(settingsDir.filePath(QStringLiteral("bench.ini")));
    MainWindow window(&session, &settings);
    window.show();
    window.showPage(QStringLiteral("requests"));
    RequestTableModel* model = window.requestsPage()->model();
    bool signedIn = false;
    store.open().then(QCoreApplication::instance(), guarded(&window, [&](const Status& opened) {
                          if (opened)
                              session
                                  .signIn(Actor {QStringLiteral("megan.bowen@contoso.com"),
                                                 QStringLiteral("contoso.onmicrosoft.com")})
                                  .then(QCoreApplication::instance(),
                                        guarded(&window, [&](const Status& status) { signedIn = status.isOk(); }));
                      }));
    if (!QTest::qWaitFor([&] { return signedIn && !model->isLoading() && model->rowCount() > 0; }, 60'000)) {
        std::fprintf(stderr, "the first page never arrived\n");
        return 1;
    }
    QApplication::processEvents();
    const double firstRows = double(launch.nsecsElapsed()) / 1e6;

    const double filterAll = timeUntilLoaded(model, [&] { model->setStatuses({}); });
    const double filterApproved = timeUntilLoaded(model, [&] { model->setStatuses({RequestStatus::Completed}); });
    const double sortRequester
        = timeUntilLoaded(model, [&] { model->sort(RequestTableModel::Requester, Qt::AscendingOrder); });
    const double sortDuration
        = timeUntilLoaded(model, [&] { model->sort(RequestTableModel::Duration, Qt::DescendingOrder); });
    const double search = timeUntilLoaded(model, [&] { model->setSearch(QStringLiteral("EXSR1000")); });
    const double rss = residentMegabytes();

    std::printf("launch to first rows:        %8.1f ms (target < 500 ms)\n", firstRows);
    std::printf("filter: all statuses:        %8.1f ms (target < 50 ms)\n", filterAll);
    std::printf("filter: completed:           %8.1f ms (target < 50 ms)\n", filterApproved);
    std::printf("sort: requester ascending:   %8.1f ms (target < 50 ms)\n", sortRequester);
    std::printf("sort: duration descending:   %8.1f ms (target < 50 ms)\n", sortDuration);
    std::printf("search: reference prefix:    %8.1f ms\n", search);
    std::printf("resident memory:             %8.1f MB (%.1f MB before the window; target < 150 MB)\n", rss, baseline);
    return 0;
}
