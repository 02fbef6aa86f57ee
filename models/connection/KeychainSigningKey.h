#pragma once

#include "CredentialVault.h"
#include "signing/SigningKey.h"

#include <QCoreApplication>
#include <QFuture>

namespace lockbox {

// The Admin Center's signing key lives in the OS keychain, one per account (CredentialVault's
// account key): read at sign-in, or made on first use and kept there. Its public half is
// registered with the store when the person first decides (Session::decide).
class KeychainSigningKey
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::KeychainSigningKey)

public:
    // The account's key from `vault`, or a new one written to it. Fails when the keychain cannot
    // keep it (then the session signs with a key of its own, registered anew).
    static QFuture<Result<SigningKey>> loadOrCreate(CredentialVault* vault, const QString& accountKey);
};

} // namespace lockbox
