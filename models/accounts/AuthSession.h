#pragma once

#include "domain/Actor.h"

#include <QDateTime>
#include <QString>

namespace lockbox {

// A signed-in person at the service: who they are (role resolved from the store at every use),
// until when their bearer token holds, and when they last proved their second factor.
struct AuthSession
{
    // How long a bearer token holds, and how recent a one-time code must be for a decision.
    static constexpr int tokenLifetimeMinutes = 60;
    static constexpr int stepUpMinutes = 5;

    QString token; // the bearer token: only in the answer to sign-in, never stored in plain
    Actor actor;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime stepUpAt; // null until a one-time code was entered in this session
    bool mfaEnrolled = false;

    bool isSteppedUp(const QDateTime& now) const
    {
        return stepUpAt.isValid() && stepUpAt <= now && stepUpAt.secsTo(now) < stepUpMinutes * 60;
    }
    QDateTime stepUpUntil() const { return stepUpAt.isValid() ? stepUpAt.addSecs(stepUpMinutes * 60) : QDateTime(); }
};

// What a person gives to sign in. `client` says where from, for the audit log ("192.0.2.7").
struct SignInAttempt
{
    QString tenantId;
    QString principal;
    QString password;
    QString oneTimeCode; // empty when not given
    QString client;
};

// A new second factor: the secret for an authenticator app, as base32 and as otpauth:// URI.
struct MfaEnrolment
{
    QString secret;
    QString uri;
};

} // namespace lockbox
