#pragma once

#include <QObject>

// The building blocks of approver-signed decisions: Ed25519 keys against RFC 8032's published
// vectors, the canonical, versioned encoding of what an approver signs, and key files.
class TestSigning : public QObject
{
    Q_OBJECT

private slots:
    void ed25519MatchesRfc8032();
    void signatureRoundTripsAndCatchesTampering();
    void damagedKeysAreRefused();
    void statementEncodingIsCanonical();
    void everyFieldIsCoveredAndNoValuePassesForAnother();
    void keyFilesAreTheOwnersAlone();
    void endorsementCoversTheWholeRegistration();
};
