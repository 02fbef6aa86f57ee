#include "KeyFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace lockbox {

namespace {

const QByteArray header = "lockbox-signing-key/1";

} // namespace

Status KeyFile::write(const QString& path, const SigningKey& key)
{
    QFile file(path);
    // NewOnly: never over an existing key (or anything else).
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error(Error::Code::InvalidInput,
                     file.exists() ? tr("%1 exists already; choose a new file name for the key.").arg(path)
                                   : tr("Cannot create the key file %1: %2.").arg(path, file.errorString()));
    // Owner only, before a byte of the key is in it.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.remove();
        return Error(Error::Code::StorageFailure,
                     tr("Cannot make the key file %1 private to you: %2.").arg(path, file.errorString()));
    }
    const QByteArray content = header + '\n' + key.seed().toBase64() + '\n';
    if (file.write(content) != content.size() || !file.flush()) {
        const QString why = file.errorString();
        file.remove();
        return Error(Error::Code::StorageFailure, tr("Cannot write the key file %1: %2.").arg(path, why));
    }
    return Status::success();
}

Result<SigningKey> KeyFile::read(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error(Error::Code::NotFound,
                     tr("There is no key file %1. Create one with 'lockboxctl key create %1'.").arg(path));
    const QFileDevice::Permissions others
        = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
    if (info.permissions() & others)
        return Error(Error::Code::PermissionDenied,
                     tr("The key file %1 can be read or changed by others than you: run 'chmod 600 %1', and if "
                        "anyone may have copied it, create a new key.")
                         .arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Code::StorageFailure, tr("Cannot read the key file %1: %2.").arg(path, file.errorString()));
    const QList<QByteArray> lines = file.readAll().split('\n');
    const Error notAKey(Error::Code::InvalidInput,
                        tr("%1 is not a Lockbox signing key file (it should start with \"%2\").")
                            .arg(path, QString::fromLatin1(header)));
    if (lines.size() < 2 || lines.at(0).trimmed() != header)
        return notAKey;
    const auto seed = QByteArray::fromBase64Encoding(lines.at(1).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!seed)
        return notAKey;
    return SigningKey::fromSeed(*seed);
}

Result<SigningKey> KeyFile::readOrCreate(const QString& path, bool* created)
{
    *created = false;
    if (QFileInfo::exists(path))
        return read(path);
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return Error(Error::Code::StorageFailure, tr("Cannot create the folder %1 for the key file.").arg(folder));
    Result<SigningKey> key = SigningKey::generate();
    if (!key)
        return key;
    if (Status written = write(path, *key); !written)
        return written.error();
    *created = true;
    return key;
}

} // namespace lockbox
