#include "KeyEndorsement.h"

#include "CanonicalEncoding.h"

namespace lockbox {

using canonical::appendField;

QByteArray KeyEndorsement::statement(const RegisteredKey& key)
{
    QByteArray out = "lockbox-key-endorsement/1\n";
    appendField(out, "tenant", key.tenantId);
    appendField(out, "principal", key.principal.trimmed().toLower());
    appendField(out, "fingerprint", key.fingerprint);
    // The key itself too: the fingerprint alone would let a changed key column pass.
    appendField(out, "public-key", QString::fromLatin1(key.publicKey.toBase64()));
    appendField(out, "registered-at", key.registeredAt.toUTC().toString(Qt::ISODateWithMs));
    return out;
}

QByteArray KeyEndorsement::sign(const SigningKey& endorser, const RegisteredKey& key)
{
    return endorser.sign(statement(key));
}

bool KeyEndorsement::verify(const QByteArray& endorserPublicKey, const RegisteredKey& key)
{
    return !key.endorsement.isEmpty() && SigningKey::verify(endorserPublicKey, statement(key), key.endorsement);
}

} // namespace lockbox
