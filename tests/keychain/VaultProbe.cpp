#include "VaultProbe.h"

#include "connection/CredentialVault.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QTimer>
#include <QUrl>
#include <cstdio>

using lockbox::CredentialVault;

namespace {

constexpr int callTimeout = 60'000;

// The vault answers on this thread's event loop: run it until the call is answered.
template <typename T>
T await(QFuture<T> future)
{
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<T>::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(callTimeout, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    if (!future.isFinished() || future.isCanceled())
        return T(lockbox::Error(lockbox::Error::Code::Internal, QStringLiteral("no answer within 60 s")));
    return future.result();
}

template <typename T>
void print(const char* call, const lockbox::Result<T>& result)
{
    if (result)
        std::printf("%s ok\n", call);
    else
        std::printf("%s %s %s\n", call, qPrintable(result.error().codeName()), qPrintable(result.error().message()));
    std::fflush(stdout);
}

} // namespace

int VaultProbe::run(const QString& serviceName)
{
    const QString secret = qEnvironmentVariable("LOCKBOX_PROBE_SECRET");
    CredentialVault vault(serviceName);
    const QString key = CredentialVault::accountKey(QUrl(QStringLiteral("https://lockbox.example:8443")),
                                                    QStringLiteral("contoso.onmicrosoft.com"),
                                                    QStringLiteral("probe@contoso.com"));
    print("write", await(vault.write(key, CredentialVault::Secret::Password, secret)));
    print("read", await(vault.read(key, CredentialVault::Secret::Password)));
    print("remove", await(vault.remove(key, CredentialVault::Secret::Password)));
    std::printf("available %s\n", vault.isAvailable() ? "true" : "false");
    return 0;
}
