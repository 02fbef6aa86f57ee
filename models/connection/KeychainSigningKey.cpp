#include "KeychainSigningKey.h"

#include "core/Guarded.h"

#include <QPromise>

namespace lockbox {

QFuture<Result<SigningKey>> KeychainSigningKey::loadOrCreate(CredentialVault* vault, const QString& accountKey)
{
    auto promise = std::make_shared<QPromise<Result<SigningKey>>>();
    promise->start();
    QFuture<Result<SigningKey>> done = promise->future();
    auto finish = [promise](const Result<SigningKey>& key) {
        promise->addResult(key);
        promise->finish();
    };
    vault->read(accountKey, CredentialVault::Secret::SigningKey)
        .then(QCoreApplication::instance(), guarded(vault, [vault, accountKey, finish](const Result<QString>& stored) {
                  if (stored) {
                      finish(SigningKey::fromSeed(QByteArray::fromBase64(stored->toLatin1())));
                      return;
                  }
                  if (stored.error().code() != Error::Code::NotFound) {
                      finish(stored.error());
                      return;
                  }
                  Result<SigningKey> made = SigningKey::generate();
                  if (!made) {
                      finish(made.error());
                      return;
                  }
                  const SigningKey key = *made;
                  vault
                      ->write(
                          accountKey, CredentialVault::Secret::SigningKey, QString::fromLatin1(key.seed().toBase64()))
                      .then(QCoreApplication::instance(), guarded(vault, [key, finish](const Status& written) {
                                if (!written)
                                    finish(written.error());
                                else
                                    finish(key);
                            }));
              }));
    return done;
}

} // namespace lockbox
