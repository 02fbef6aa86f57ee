#pragma once

#include "accounts/AuthSession.h"
#include "core/Clock.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <memory>
#include <optional>

class QSqlQuery;

namespace lockbox {

class SqlRepository;
struct ChangeSet;

// An account as stored: what sign-in needs to check a password away from the store's thread.
struct StoredAccount
{
    QString tenantId;
    QString principal;
    QString passwordHash;
    bool mfaEnrolled = false;
    QDateTime lockedUntil;
};

// Accounts, bearer-token sessions and second factors, in the same database and write lock as
// SqlRepository, audited in the same chains. Synchronous, used from the store's worker thread.
// Password hashing is not done here (it is slow on purpose): callers hash and verify outside.
class AccountRepository
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::AccountRepository)

public:
    static constexpr int maxFailedAttempts = 5;
    static constexpr int lockoutMinutes = 15;

    AccountRepository(SqlRepository& repository, std::shared_ptr<const Clock> clock);

    // Provisioning, audited as the system in the account's tenant.
    Status
    addAccount(const QString& tenantId, const QString& principal, const QString& passwordHash, ChangeSet* changes);
    // A new password hash (when given), and/or removes the second factor; unlocks the account and
    // ends its sessions.
    Status resetAccount(const QString& tenantId,
                        const QString& principal,
                        const std::optional<QString>& passwordHash,
                        bool resetMfa,
                        ChangeSet* changes);
    // Nothing (not an error) for an unknown account: the caller verifies against a dummy hash.
    Result<std::optional<StoredAccount>> account(const QString& tenantId, const QString& principal);

    // After the caller verified the password (`passwordOk`): checks lock-out, role and one-time
    // code, then opens a session. Failures are counted and audited; five lock the account.
    Result<AuthSession> completeSignIn(const SignInAttempt& attempt, bool passwordOk, ChangeSet* changes);
    // The session of a bearer token, with the holder's current role.
    Result<AuthSession> authenticate(const QString& token);
    // A one-time code for the session's account: the session may decide for the next minutes.
    Result<AuthSession> stepUp(const QString& token, const QString& code, ChangeSet* changes);
    // A second factor for an account that has none. The session counts as stepped up.
    Result<MfaEnrolment> enrolMfa(const QString& token, ChangeSet* changes);
    // The same, done by provisioning (`lockboxctl account enrol-mfa`) for someone's account.
    Result<MfaEnrolment> enrolMfa(const QString& tenantId, const QString& principal, ChangeSet* changes);
    Status signOut(const QString& token, ChangeSet* changes);

    static QString tokenHash(const QString& token);

private:
    QDateTime now() const { return m_clock->now(); }
    Error sqlError(const QString& what, const QSqlQuery& query) const;
    Result<AuthSession> loadSession(const QString& token);
    Result<MfaEnrolment> enrol(const Actor& who, const Actor& by, ChangeSet* changes);
    // Counts a failed attempt, locks after too many, and audits it; returns `why`.
    Error refuseSignIn(const Actor& who, const QString& client, const QString& reason, const Error& why);

    SqlRepository& m_repository;
    std::shared_ptr<const Clock> m_clock;
};

} // namespace lockbox
