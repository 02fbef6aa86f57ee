#include "StoreFixture.h"
#include "signing/KeyFile.h"

#include "store/Store.h"

#include <QFile>

using namespace lockbox;

const QDateTime StoreFixture::start(QDate(2026, 11, 24), QTime(8, 0), Qt::UTC);
const QString StoreFixture::contoso = QStringLiteral("contoso.onmicrosoft.com");
const QString StoreFixture::fabrikam = QStringLiteral("fabrikam.onmicrosoft.com");

Actor StoreFixture::megan()
{
    return {QStringLiteral("megan@contoso.com"), contoso, Role::GlobalAdministrator};
}
Actor StoreFixture::lidia()
{
    return {QStringLiteral("lidia@contoso.com"), contoso, Role::LockboxApprover};
}
Actor StoreFixture::diego()
{
    return {QStringLiteral("diego@contoso.com"), contoso, Role::LockboxApprover};
}
Actor StoreFixture::adele()
{
    return {QStringLiteral("adele@contoso.com"), contoso, Role::Reader};
}
Actor StoreFixture::nestor()
{
    return {QStringLiteral("nestor@fabrikam.com"), fabrikam, Role::GlobalAdministrator};
}
Actor StoreFixture::engineer()
{
    return {QStringLiteral("rkumar@ops.example"), operatorTenantId, Role::SupportEngineer};
}
Actor StoreFixture::manager()
{
    return {QStringLiteral("mgarcia@ops.example"), operatorTenantId, Role::SupportManager};
}

StoreFixture::StoreFixture(int connections, Endorsing endorsing)
    : m_clock(std::make_shared<ManualClock>(start))
    , m_connections(connections)
    , m_endorser(*SigningKey::generate())
    , m_endorsing(endorsing)
{
    // LOCKBOX_TEST_CONNECTIONS runs a suite on a store with several connections, as lockboxd's.
    bool ok = false;
    const int wanted = qEnvironmentVariableIntValue("LOCKBOX_TEST_CONNECTIONS", &ok);
    if (ok && wanted > 0)
        m_connections = wanted;
}

StoreFixture::~StoreFixture() = default;

QString StoreFixture::endorsementKeyFile()
{
    const QString file = m_dir.filePath(QStringLiteral("endorsement.key"));
    if (!QFile::exists(file) && !KeyFile::write(file, m_endorser))
        return {};
    return file;
}

bool StoreFixture::usesPostgres()
{
    return qEnvironmentVariable("LOCKBOX_TEST_BACKEND") == QLatin1String("postgres");
}

QString StoreFixture::path() const
{
    return usesPostgres() ? m_postgres.url() : m_dir.filePath(QStringLiteral("store.db"));
}

std::unique_ptr<SqlStore> StoreFixture::openSecondStore() const
{
    auto second = std::make_unique<SqlStore>(path(), m_clock);
    if (m_endorsing == Endorsing::LikeLockboxd)
        second->setEndorsementKey(m_endorser);
    if (!second->open().result())
        return nullptr;
    return second;
}

void StoreFixture::closeStore()
{
    m_store.reset();
}

bool StoreFixture::reopenStore(QString* problem)
{
    m_store = std::make_unique<SqlStore>(path(), m_clock);
    m_store->setConnectionCount(m_connections);
    if (m_endorsing == Endorsing::LikeLockboxd)
        m_store->setEndorsementKey(m_endorser);
    Status opened = m_store->open().result();
    if (!opened)
        *problem = opened.error().message();
    return opened.isOk();
}

bool StoreFixture::setUp(QString* problem)
{
    if (!m_dir.isValid()) {
        *problem = QStringLiteral("no temporary folder");
        return false;
    }
    const QString backend = qEnvironmentVariable("LOCKBOX_TEST_BACKEND");
    if (!backend.isEmpty() && backend != QLatin1String("sqlite") && backend != QLatin1String("postgres")) {
        *problem
            = QStringLiteral("LOCKBOX_TEST_BACKEND is \"%1\"; it is sqlite (the default) or postgres.").arg(backend);
        return false;
    }
    if (usesPostgres() && !m_postgres.create(problem))
        return false;
    if (!reopenStore(problem))
        return false;
    auto check = [problem](const Status& status) {
        if (!status)
            *problem = status.error().message();
        return status.isOk();
    };
    TenantSettings contosoSettings;
    contosoSettings.tenantId = contoso;
    contosoSettings.displayName = QStringLiteral("Contoso Ltd");
    TenantSettings fabrikamSettings;
    fabrikamSettings.tenantId = fabrikam;
    fabrikamSettings.displayName = QStringLiteral("Fabrikam Inc");
    if (!check(m_store
                   ->createTenant(contosoSettings,
                                  RoleAssignment {contoso, megan().principal, QStringLiteral("Megan Bowen")})
                   .result())
        || !check(m_store
                      ->createTenant(fabrikamSettings,
                                     RoleAssignment {fabrikam, nestor().principal, QStringLiteral("Nestor Wilke")})
                      .result())
        || !check(m_store
                      ->addOperatorStaff(RoleAssignment {
                          operatorTenantId, engineer().principal, QStringLiteral("Ravi Kumar"), Role::SupportEngineer})
                      .result())
        || !check(m_store
                      ->addOperatorStaff(RoleAssignment {
                          operatorTenantId, manager().principal, QStringLiteral("Maria Garcia"), Role::SupportManager})
                      .result()))
        return false;
    for (const auto& [actor, role] : {std::pair {lidia(), Role::LockboxApprover},
                                      std::pair {diego(), Role::LockboxApprover},
                                      std::pair {adele(), Role::Reader}}) {
        Result<QList<RoleAssignment>> assigned
            = m_store->setRole(megan(), RoleAssignment {contoso, actor.principal, {}, role}).result();
        if (!assigned) {
            *problem = assigned.error().message();
            return false;
        }
    }
    return true;
}

QString StoreFixture::file(int durationMinutes, const QString& tenantId)
{
    NewRequest wanted {tenantId,
                       Workload::Exchange,
                       QStringLiteral("SR2611240001"),
                       QStringLiteral("Troubleshoot mail flow delays"),
                       QStringLiteral("Mailbox of joni@contoso.com"),
                       durationMinutes};
    Result<AccessRequest> filed = m_store->fileRequest(engineer(), wanted).result();
    return filed ? filed->id : QString();
}

SigningKey StoreFixture::keyOf(const Actor& who)
{
    const QString name = who.tenantId + u'/' + who.principal.toLower();
    if (const auto known = m_keys.constFind(name); known != m_keys.cend())
        return *known;
    const SigningKey key = *SigningKey::generate();
    // Someone who may not decide has no key registered; the store refuses their decisions anyway.
    // A store that cannot be reached is asked again next time.
    if (!m_store)
        return key; // closed (a test is editing the file): registered when it is open again
    const Result<RegisteredKey> registered = m_store->registerSigningKey(who, key.publicKey()).result();
    if (registered || registered.error().code() != Error::Code::Unavailable)
        m_keys.insert(name, key);
    return key;
}

QString StoreFixture::keyFileOf(const Actor& who)
{
    const QString path = m_dir.filePath(QStringLiteral("key-%1-%2").arg(who.tenantId, who.principal.toLower()));
    if (!QFile::exists(path))
        (void)KeyFile::write(path, keyOf(who));
    return path;
}

DecisionSignature StoreFixture::signature(const Actor& who, const QString& idOrReference, Action action)
{
    Result<AccessRequest> request = m_store->request(who, idOrReference).result();
    AccessRequest statementOf;
    if (request)
        statementOf = *request;
    else
        statementOf.id = idOrReference; // not theirs to see: the store refuses it before the signature
    return DecisionSignature::sign(keyOf(who),
                                   DecisionStatement::of(statementOf, action, who.principal, m_clock->now()));
}

QFuture<Result<AccessRequest>>
StoreFixture::approve(const Actor& who, const QString& idOrReference, const QString& comment)
{
    return m_store->perform(
        who, idOrReference, Action::Approve, comment, signature(who, idOrReference, Action::Approve));
}

QFuture<Result<AccessRequest>> StoreFixture::deny(const Actor& who, const QString& idOrReference, const QString& reason)
{
    return m_store->perform(who, idOrReference, Action::Deny, reason, signature(who, idOrReference, Action::Deny));
}

QFuture<Result<AccessRequest>>
StoreFixture::revoke(const Actor& who, const QString& idOrReference, const QString& comment)
{
    return m_store->perform(who, idOrReference, Action::Revoke, comment, signature(who, idOrReference, Action::Revoke));
}

bool StoreFixture::changeSettings(const std::function<void(TenantSettings&)>& change)
{
    Result<TenantSettings> settings = m_store->settings(megan()).result();
    if (!settings)
        return false;
    TenantSettings wanted = *settings;
    change(wanted);
    return m_store->updateSettings(megan(), wanted).result().isOk();
}

QString StoreFixture::pending(int durationMinutes, const QString& tenantId)
{
    const QString id = file(durationMinutes, tenantId);
    if (id.isEmpty())
        return {};
    Result<AccessRequest> approved = m_store->perform(manager(), id, Action::ManagerApprove, {}).result();
    return approved && approved->status == RequestStatus::Pending ? id : QString();
}
