#include "SodiumLibrary.h"

#include <QCoreApplication>
#include <sodium.h>

namespace lockbox {

Status SodiumLibrary::initialize()
{
    // sodium_init() is itself thread-safe and idempotent; it fails only without an entropy source.
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        return Error(Error::Code::Internal,
                     QCoreApplication::translate("lockbox::SodiumLibrary",
                                                 "The cryptography library could not start: the system has no "
                                                 "source of random numbers (/dev/urandom)."));
    return Status::success();
}

QByteArray SodiumLibrary::randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (initialize())
        randombytes_buf(bytes.data(), static_cast<size_t>(bytes.size()));
    else
        bytes.clear();
    return bytes;
}

} // namespace lockbox
