#pragma once

#include "core/Result.h"

#include <QByteArray>

namespace lockbox {

// libsodium's one-time set-up, and the random bytes every secret in Lockbox comes from.
class SodiumLibrary
{
public:
    // Safe to call from any thread, any number of times.
    static Status initialize();
    static QByteArray randomBytes(int count);
};

} // namespace lockbox
