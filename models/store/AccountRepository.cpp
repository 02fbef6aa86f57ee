#include "AccountRepository.h"

#include "SqlRepository.h"
#include "accounts/SodiumLibrary.h"
#include "accounts/Totp.h"
#include "audit/AuditOperation.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

namespace lockbox {

namespace {

QString normalized(const QString& principal)
{
    return principal.trimmed().toLower();
}

QVariant toMs(const QDateTime& time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qlonglong>());
}

QDateTime fromMs(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

const QString totpIssuer = QStringLiteral("Lockbox");

} // namespace

AccountRepository::AccountRepository(SqlRepository& repository, std::shared_ptr<const Clock> clock)
    : m_repository(repository)
    , m_clock(std::move(clock))
{ }

Error AccountRepository::sqlError(const QString& what, const QSqlQuery& query) const
{
    return Error(Error::Code::StorageFailure, tr("%1 failed: %2").arg(what, query.lastError().text()));
}

QString AccountRepository::tokenHash(const QString& token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Status AccountRepository::addAccount(const QString& tenantId,
                                     const QString& principal,
                                     const QString& passwordHash,
                                     ChangeSet* changes)
{
    const QString who = normalized(principal);
    if (who.isEmpty() || who.contains(QLatin1Char(' ')))
        return Error(Error::Code::InvalidInput, tr("A user name must not be empty or contain spaces."));
    return m_repository.writeAtomically([&]() -> Status {
        if (!m_repository.tenantExists(tenantId))
            return Error(Error::Code::NotFound, tr("There is no tenant %1.").arg(tenantId));
        QSqlQuery& insert = m_repository.prepared(
            QStringLiteral("INSERT INTO accounts (tenant_id, principal, password_hash, created_at, "
                           "password_changed_at) VALUES (?, ?, ?, ?, ?)"));
        insert.addBindValue(tenantId);
        insert.addBindValue(who);
        insert.addBindValue(passwordHash);
        insert.addBindValue(toMs(now()));
        insert.addBindValue(toMs(now()));
        if (!insert.exec()) {
            QSqlQuery& exists
                = m_repository.prepared(QStringLiteral("SELECT 1 FROM accounts WHERE tenant_id = ? AND principal = ?"));
            exists.addBindValue(tenantId);
            exists.addBindValue(who);
            if (exists.exec() && exists.next())
                return Error(Error::Code::Conflict,
                             tr("%1 already has an account in %2: reset it instead.").arg(who, tenantId));
            return sqlError(tr("Adding the account of %1").arg(who), insert);
        }
        *changes = ChangeSet {tenantId, {}, false, false, true};
        return m_repository.appendAudit(
            Actor::system(tenantId),
            tenantId,
            AuditEvent {AuditOperation::AccountCreated, {}, {{QStringLiteral("principal"), who}}});
    });
}

Status AccountRepository::resetAccount(const QString& tenantId,
                                       const QString& principal,
                                       const std::optional<QString>& passwordHash,
                                       bool resetMfa,
                                       ChangeSet* changes)
{
    const QString who = normalized(principal);
    return m_repository.writeAtomically([&]() -> Status {
        QSqlQuery update(m_repository.database());
        QString sql = QStringLiteral("UPDATE accounts SET failed_attempts = 0, locked_until = NULL");
        if (passwordHash)
            sql += QStringLiteral(", password_hash = ?, password_changed_at = ?");
        if (resetMfa)
            sql += QStringLiteral(", totp_secret = '', totp_last_step = 0");
        sql += QStringLiteral(" WHERE tenant_id = ? AND principal = ?");
        update.prepare(sql);
        if (passwordHash) {
            update.addBindValue(*passwordHash);
            update.addBindValue(toMs(now()));
        }
        update.addBindValue(tenantId);
        update.addBindValue(who);
        if (!update.exec())
            return sqlError(tr("Resetting the account of %1").arg(who), update);
        if (update.numRowsAffected() == 0)
            return Error(Error::Code::NotFound, tr("%1 has no account in %2.").arg(who, tenantId));
        QSqlQuery& end
            = m_repository.prepared(QStringLiteral("DELETE FROM sessions WHERE tenant_id = ? AND principal = ?"));
        end.addBindValue(tenantId);
        end.addBindValue(who);
        if (!end.exec())
            return sqlError(tr("Ending the sessions of %1").arg(who), end);
        *changes = ChangeSet {tenantId, {}, false, false, true};
        return m_repository.appendAudit(Actor::system(tenantId),
                                        tenantId,
                                        AuditEvent {AuditOperation::AccountReset,
                                                    {},
                                                    {{QStringLiteral("principal"), who},
                                                     {QStringLiteral("password"), passwordHash.has_value()},
                                                     {QStringLiteral("mfa"), resetMfa}}});
    });
}

Result<std::optional<StoredAccount>> AccountRepository::account(const QString& tenantId, const QString& principal)
{
    QSqlQuery& query
        = m_repository.prepared(QStringLiteral("SELECT password_hash, totp_secret, locked_until FROM accounts "
                                               "WHERE tenant_id = ? AND principal = ?"));
    query.addBindValue(tenantId);
    query.addBindValue(normalized(principal));
    if (!query.exec())
        return sqlError(tr("Reading the account"), query);
    if (!query.next())
        return std::optional<StoredAccount>();
    return std::optional<StoredAccount>(StoredAccount {tenantId,
                                                       normalized(principal),
                                                       query.value(0).toString(),
                                                       !query.value(1).toString().isEmpty(),
                                                       fromMs(query.value(2))});
}

Error AccountRepository::refuseSignIn(const Actor& who, const QString& client, const QString& reason, const Error& why)
{
    Status recorded = m_repository.writeAtomically([&]() -> Status {
        QSqlQuery& count
            = m_repository.prepared(QStringLiteral("UPDATE accounts SET failed_attempts = failed_attempts + 1 "
                                                   "WHERE tenant_id = ? AND principal = ?"));
        count.addBindValue(who.tenantId);
        count.addBindValue(who.principal);
        if (!count.exec())
            return sqlError(tr("Counting a failed sign-in"), count);
        QSqlQuery& lock
            = m_repository.prepared(QStringLiteral("UPDATE accounts SET locked_until = ?, failed_attempts = 0 "
                                                   "WHERE tenant_id = ? AND principal = ? AND failed_attempts >= ?"));
        lock.addBindValue(toMs(now().addSecs(lockoutMinutes * 60)));
        lock.addBindValue(who.tenantId);
        lock.addBindValue(who.principal);
        lock.addBindValue(maxFailedAttempts);
        if (!lock.exec())
            return sqlError(tr("Locking the account"), lock);
        const bool locked = lock.numRowsAffected() > 0;
        if (!m_repository.tenantExists(who.tenantId))
            return Status::success(); // no log to write into: an unknown tenant
        const QJsonObject details {{QStringLiteral("principal"), who.principal},
                                   {QStringLiteral("client"), client},
                                   {QStringLiteral("reason"), reason}};
        if (Status audited
            = m_repository.appendAudit(who, who.tenantId, AuditEvent {AuditOperation::SignInFailed, {}, details});
            !audited)
            return audited;
        if (locked)
            return m_repository.appendAudit(Actor::system(who.tenantId),
                                            who.tenantId,
                                            AuditEvent {AuditOperation::AccountLocked,
                                                        {},
                                                        {{QStringLiteral("principal"), who.principal},
                                                         {QStringLiteral("minutes"), lockoutMinutes}}});
        return Status::success();
    });
    if (!recorded)
        return recorded.error();
    return why;
}

Result<AuthSession> AccountRepository::completeSignIn(const SignInAttempt& attempt, bool passwordOk, ChangeSet* changes)
{
    const Actor named {normalized(attempt.principal), attempt.tenantId.trimmed(), Role::None};
    const Error wrong(Error::Code::Unauthenticated,
                      tr("The user name or password is wrong for tenant %1.").arg(named.tenantId));
    Result<std::optional<StoredAccount>> stored = account(named.tenantId, named.principal);
    if (!stored)
        return stored.error();
    if (!stored->has_value() || !passwordOk)
        return refuseSignIn(named, attempt.client, QStringLiteral("wrong user name or password"), wrong);
    const StoredAccount& found = **stored;
    if (found.lockedUntil.isValid() && found.lockedUntil > now())
        return Error(Error::Code::RateLimited,
                     tr("Too many failed sign-ins: the account %1 is locked until %2 UTC. Try again then, or ask an "
                        "administrator to reset it.")
                         .arg(named.principal, found.lockedUntil.toString(QStringLiteral("yyyy-MM-dd HH:mm"))));

    Result<Actor> who = m_repository.resolveActor(named);
    if (!who && who.error().code() != Error::Code::PermissionDenied)
        return who.error();
    if (!who)
        return refuseSignIn(named,
                            attempt.client,
                            QStringLiteral("no role in the tenant"),
                            Error(Error::Code::PermissionDenied,
                                  tr("%1 holds no Lockbox role in tenant %2, so cannot sign in there.")
                                      .arg(named.principal, named.tenantId)));

    QDateTime stepUpAt;
    qint64 step = 0;
    if (found.mfaEnrolled) {
        if (attempt.oneTimeCode.trimmed().isEmpty())
            return Error(Error::Code::MfaRequired,
                         tr("Enter the 6-digit code from your authenticator app to finish signing in."));
        QSqlQuery& secret = m_repository.prepared(
            QStringLiteral("SELECT totp_secret, totp_last_step FROM accounts WHERE tenant_id = ? AND principal = ?"));
        secret.addBindValue(named.tenantId);
        secret.addBindValue(named.principal);
        if (!secret.exec() || !secret.next())
            return sqlError(tr("Reading the account"), secret);
        const std::optional<QByteArray> key = Totp::fromBase32(secret.value(0).toString());
        const std::optional<qint64> matched
            = key ? Totp::verify(*key, attempt.oneTimeCode, now()) : std::optional<qint64>();
        if (!matched || *matched <= secret.value(1).toLongLong())
            return refuseSignIn(*who,
                                attempt.client,
                                QStringLiteral("wrong one-time code"),
                                Error(Error::Code::Unauthenticated,
                                      tr("The one-time code is wrong, expired or already used. Enter the current "
                                         "code from your authenticator app.")));
        step = *matched;
        stepUpAt = now();
    }

    AuthSession session;
    session.token = QStringLiteral("lbx_")
        + QString::fromLatin1(SodiumLibrary::randomBytes(32).toBase64(QByteArray::Base64UrlEncoding
                                                                      | QByteArray::OmitTrailingEquals));
    session.actor = *who;
    session.createdAt = now();
    session.expiresAt = now().addSecs(AuthSession::tokenLifetimeMinutes * 60);
    session.stepUpAt = stepUpAt;
    session.mfaEnrolled = found.mfaEnrolled;
    Status opened = m_repository.writeAtomically([&]() -> Status {
        QSqlQuery& reset = m_repository.prepared(
            QStringLiteral("UPDATE accounts SET failed_attempts = 0, locked_until = NULL, "
                           "totp_last_step = CASE WHEN ? > totp_last_step THEN ? ELSE totp_last_step END "
                           "WHERE tenant_id = ? AND principal = ?"));
        reset.addBindValue(step);
        reset.addBindValue(step);
        reset.addBindValue(named.tenantId);
        reset.addBindValue(named.principal);
        if (!reset.exec())
            return sqlError(tr("Recording the sign-in"), reset);
        QSqlQuery& insert = m_repository.prepared(
            QStringLiteral("INSERT INTO sessions (token_hash, tenant_id, principal, client, created_at, "
                           "expires_at, step_up_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(tokenHash(session.token));
        insert.addBindValue(named.tenantId);
        insert.addBindValue(named.principal);
        insert.addBindValue(attempt.client.isNull() ? QStringLiteral("") : attempt.client);
        insert.addBindValue(toMs(session.createdAt));
        insert.addBindValue(toMs(session.expiresAt));
        insert.addBindValue(toMs(stepUpAt));
        if (!insert.exec())
            return sqlError(tr("Opening the session"), insert);
        // Sessions that ran out are of no use to anyone: drop them while we hold the lock.
        QSqlQuery& purge = m_repository.prepared(QStringLiteral("DELETE FROM sessions WHERE expires_at < ?"));
        purge.addBindValue(toMs(now()));
        if (!purge.exec())
            return sqlError(tr("Removing expired sessions"), purge);
        *changes = ChangeSet {named.tenantId, {}, false, false, true};
        return m_repository.appendAudit(*who,
                                        named.tenantId,
                                        AuditEvent {AuditOperation::SignIn,
                                                    {},
                                                    {{QStringLiteral("principal"), named.principal},
                                                     {QStringLiteral("client"), attempt.client},
                                                     {QStringLiteral("mfa"), found.mfaEnrolled}}});
    });
    if (!opened)
        return opened.error();
    return session;
}

Result<AuthSession> AccountRepository::loadSession(const QString& token)
{
    const Error invalid(Error::Code::Unauthenticated, tr("Your session has ended or is not valid: sign in again."));
    if (!token.startsWith(QLatin1String("lbx_")) || token.size() > 100)
        return invalid;
    QSqlQuery& query = m_repository.prepared(
        QStringLiteral("SELECT s.tenant_id, s.principal, s.created_at, s.expires_at, s.step_up_at, "
                       "a.totp_secret, r.role FROM sessions s JOIN accounts a "
                       "ON a.tenant_id = s.tenant_id AND a.principal = s.principal "
                       "LEFT JOIN role_assignments r ON r.tenant_id = s.tenant_id AND r.principal = s.principal "
                       "WHERE s.token_hash = ?"));
    query.addBindValue(tokenHash(token));
    if (!query.exec())
        return sqlError(tr("Checking the session"), query);
    if (!query.next())
        return invalid;
    AuthSession session;
    // Sessions hold the principal as normalized at sign-in, as role assignments do.
    session.actor = Actor {query.value(1).toString(),
                           query.value(0).toString(),
                           query.value(6).isNull() ? Role::None : roles::fromKey(query.value(6).toString())};
    session.createdAt = fromMs(query.value(2));
    session.expiresAt = fromMs(query.value(3));
    session.stepUpAt = fromMs(query.value(4));
    session.mfaEnrolled = !query.value(5).toString().isEmpty();
    if (session.expiresAt <= now())
        return invalid;
    return session;
}

Result<AuthSession> AccountRepository::authenticate(const QString& token)
{
    Result<AuthSession> session = loadSession(token);
    if (!session)
        return session;
    // The session's read brings the role held now.
    if (session->actor.role == Role::None)
        return Error(Error::Code::Unauthenticated,
                     tr("%1 no longer holds a Lockbox role in tenant %2: sign in again once an administrator "
                        "assigned one.")
                         .arg(session->actor.principal, session->actor.tenantId));
    return session;
}

Result<AuthSession> AccountRepository::stepUp(const QString& token, const QString& code, ChangeSet* changes)
{
    Result<AuthSession> session = authenticate(token);
    if (!session)
        return session;
    const Actor who = session->actor;
    if (!session->mfaEnrolled)
        return Error(Error::Code::InvalidState,
                     tr("%1 has no authenticator app enrolled yet: enrol one first.").arg(who.principal));
    Error refusal;
    QDateTime at = now();
    Status written = m_repository.writeAtomically([&]() -> Status {
        QSqlQuery& secret = m_repository.prepared(
            QStringLiteral("SELECT totp_secret, totp_last_step FROM accounts WHERE tenant_id = ? AND principal = ?"));
        secret.addBindValue(who.tenantId);
        secret.addBindValue(who.principal);
        if (!secret.exec() || !secret.next())
            return sqlError(tr("Reading the account"), secret);
        const std::optional<QByteArray> key = Totp::fromBase32(secret.value(0).toString());
        const std::optional<qint64> matched = key ? Totp::verify(*key, code, at) : std::optional<qint64>();
        *changes = ChangeSet {who.tenantId, {}, false, false, true};
        if (!matched || *matched <= secret.value(1).toLongLong()) {
            refusal = Error(Error::Code::StepUpRequired,
                            tr("The one-time code is wrong, expired or already used. Enter the current code from "
                               "your authenticator app."));
            return m_repository.appendAudit(
                who,
                who.tenantId,
                AuditEvent {AuditOperation::StepUpFailed, {}, {{QStringLiteral("principal"), who.principal}}});
        }
        QSqlQuery& update = m_repository.prepared(
            QStringLiteral("UPDATE accounts SET totp_last_step = ? WHERE tenant_id = ? AND principal = ?"));
        update.addBindValue(*matched);
        update.addBindValue(who.tenantId);
        update.addBindValue(who.principal);
        if (!update.exec())
            return sqlError(tr("Recording the one-time code"), update);
        QSqlQuery& mark
            = m_repository.prepared(QStringLiteral("UPDATE sessions SET step_up_at = ? WHERE token_hash = ?"));
        mark.addBindValue(toMs(at));
        mark.addBindValue(tokenHash(token));
        if (!mark.exec())
            return sqlError(tr("Recording the one-time code"), mark);
        return m_repository.appendAudit(
            who, who.tenantId, AuditEvent {AuditOperation::StepUp, {}, {{QStringLiteral("principal"), who.principal}}});
    });
    if (!written)
        return written.error();
    if (refusal.code() != Error::Code::Internal)
        return refusal;
    AuthSession result = session.value();
    result.stepUpAt = at;
    return result;
}

Result<MfaEnrolment> AccountRepository::enrolMfa(const QString& token, ChangeSet* changes)
{
    Result<AuthSession> session = authenticate(token);
    if (!session)
        return session.error();
    if (session->mfaEnrolled)
        return Error(Error::Code::Conflict,
                     tr("%1 already has an authenticator app enrolled. To replace it, an administrator resets it "
                        "with `lockboxctl account reset --mfa`.")
                         .arg(session->actor.principal));
    return enrol(session->actor, session->actor, changes);
}

Result<MfaEnrolment> AccountRepository::enrolMfa(const QString& tenantId, const QString& principal, ChangeSet* changes)
{
    const Actor who {normalized(principal), tenantId, Role::None};
    return enrol(who, Actor::system(tenantId), changes);
}

Result<MfaEnrolment> AccountRepository::enrol(const Actor& who, const Actor& by, ChangeSet* changes)
{
    const QByteArray secret = Totp::generateSecret();
    if (secret.isEmpty())
        return Error(Error::Code::Internal, tr("No random numbers were available for the new secret."));
    MfaEnrolment enrolment {Totp::toBase32(secret),
                            Totp::uri(secret, totpIssuer, who.principal + QLatin1Char('@') + who.tenantId)};
    Status written = m_repository.writeAtomically([&]() -> Status {
        QSqlQuery& update
            = m_repository.prepared(QStringLiteral("UPDATE accounts SET totp_secret = ?, totp_last_step = 0 "
                                                   "WHERE tenant_id = ? AND principal = ? AND totp_secret = ''"));
        update.addBindValue(enrolment.secret);
        update.addBindValue(who.tenantId);
        update.addBindValue(who.principal);
        if (!update.exec())
            return sqlError(tr("Enrolling the authenticator app"), update);
        if (update.numRowsAffected() == 0)
            return Error(Error::Code::Conflict,
                         tr("%1 has no account in %2, or already has an authenticator app enrolled (reset it "
                            "first with `lockboxctl account reset --mfa`).")
                             .arg(who.principal, who.tenantId));
        *changes = ChangeSet {who.tenantId, {}, false, false, true};
        return m_repository.appendAudit(
            by,
            who.tenantId,
            AuditEvent {AuditOperation::MfaEnrolled, {}, {{QStringLiteral("principal"), who.principal}}});
    });
    if (!written)
        return written.error();
    return enrolment;
}

Status AccountRepository::signOut(const QString& token, ChangeSet* changes)
{
    Result<AuthSession> session = loadSession(token);
    if (!session)
        return session.error();
    // Someone whose role was removed may still end their session (the record names no role then).
    const Actor* who = &session->actor;
    return m_repository.writeAtomically([&]() -> Status {
        QSqlQuery& remove = m_repository.prepared(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
        remove.addBindValue(tokenHash(token));
        if (!remove.exec())
            return sqlError(tr("Ending the session"), remove);
        *changes = ChangeSet {who->tenantId, {}, false, false, true};
        return m_repository.appendAudit(
            *who,
            who->tenantId,
            AuditEvent {AuditOperation::SignedOut, {}, {{QStringLiteral("principal"), who->principal}}});
    });
}

} // namespace lockbox
