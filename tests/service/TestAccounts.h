#pragma once

#include <QObject>

// Passwords (Argon2id), one-time codes (RFC 6238 vectors), accounts, sign-in, lock-out,
// step-up and sessions, through the store on a manual clock.
class TestAccounts : public QObject
{
    Q_OBJECT

private slots:
    void totpMatchesRfc6238Vectors_data();
    void totpMatchesRfc6238Vectors();
    void totpAcceptsOneStepOfDriftAndNoMore();
    void base32RoundTripsAndUriNamesTheAccount();
    void passwordsAreHashedWithArgon2id();
    void weakPasswordsAreRefused();
    void qrCodeEncodesTheUri();
    void signInNeedsTheRightPasswordAndIsAudited();
    void unknownUserAndWrongPasswordReadTheSame();
    void fiveFailuresLockTheAccountUntilReset();
    void enrolledAccountNeedsTheCodeAndRefusesItsReplay();
    void stepUpHoldsForFiveMinutes();
    void tokensExpireAndSignOutEndsThem();
    void removedRoleEndsTheSession();
    void tokensAreStoredOnlyAsHashes();
};
