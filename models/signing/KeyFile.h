#pragma once

#include "SigningKey.h"

#include <QCoreApplication>

namespace lockbox {

// An approver's signing key in a file of their own, for lockboxctl (the Admin Center keeps it in
// the keychain): a version line, then the 32-byte seed in base64. Only its owner may read or write
// it: a key file others can read is refused, as ssh refuses such a private key.
class KeyFile
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::KeyFile)

public:
    // Writes `key` to a new file at `path` with mode 0600; refuses to replace a file.
    static Status write(const QString& path, const SigningKey& key);
    static Result<SigningKey> read(const QString& path);
    // The key in `path`, or a new one written there (its folder made, owner only) when there is
    // no file yet; `created` tells which. For lockboxd's endorsement key.
    static Result<SigningKey> readOrCreate(const QString& path, bool* created);
};

} // namespace lockbox
