#pragma once

#include "RegisteredKey.h"
#include "SigningKey.h"

#include <QByteArray>

namespace lockbox {

// A Lockbox service's word that it registered an approver's public key itself, for that approver
// signed in with a step-up code: the service's own Ed25519 signature over the registration, made
// with its endorsement key, which it keeps outside the database (lockboxd --endorsement-key).
// Someone who can write the database but not that file can add a key in an approver's name, but
// cannot endorse it, and a service that endorses counts no decision signed with it.
//
// The statement is canonical and versioned like DecisionStatement: a header line, then one line a
// field (tenant, principal, fingerprint, public key, registration time), each value prefixed with
// its length.
class KeyEndorsement
{
public:
    static QByteArray statement(const RegisteredKey& key);
    static QByteArray sign(const SigningKey& endorser, const RegisteredKey& key);
    // Whether `key.endorsement` is the endorser's signature over this very registration.
    static bool verify(const QByteArray& endorserPublicKey, const RegisteredKey& key);
};

} // namespace lockbox
