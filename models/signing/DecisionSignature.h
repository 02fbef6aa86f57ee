#pragma once

#include "DecisionStatement.h"
#include "SigningKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace lockbox {

// An approver's signature on one decision: which registered key made it, the time the approver
// signed (part of the statement), and the Ed25519 signature over the statement's encoding.
struct DecisionSignature
{
    QString keyFingerprint;
    QDateTime signedAt;
    QByteArray value; // 64 bytes

    bool isEmpty() const { return value.isEmpty(); }
    // `key`'s signature on `statement` (whose time becomes the signing time).
    static DecisionSignature sign(const SigningKey& key, const DecisionStatement& statement)
    {
        return DecisionSignature {key.fingerprint(), statement.at, key.sign(statement.encoded())};
    }
};

} // namespace lockbox
