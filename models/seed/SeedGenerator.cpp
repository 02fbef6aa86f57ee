#include "SeedGenerator.h"

#include "core/ManualClock.h"
#include "signing/DecisionSignature.h"
#include "store/SqlStore.h"
#include "store/Store.h"

#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <functional>
#include <map>
#include <span>

namespace lockbox {

namespace {

struct Template
{
    Workload workload;
    const char* reason;
    const char* scope; // %1: a person's mailbox name, %2: the tenant's short name
};

const Template templates[] = {
    {Workload::Exchange,
     "Troubleshoot mail flow: messages from a partner domain are delayed by hours",
     "Mailbox of %1"},
    {Workload::Exchange, "Investigate a corrupted calendar item that crashes the mobile client", "Calendar of %1"},
    {Workload::Exchange, "Recover items purged from Recoverable Items at the customer's request", "Mailbox of %1"},
    {Workload::Exchange, "Diagnose a mailbox move stuck at 95% during migration", "Mailbox of %1"},
    {Workload::SharePoint,
     "Diagnose broken permission inheritance on a document library",
     "Site https://%2.sharepoint.com/sites/Finance"},
    {Workload::SharePoint,
     "Restore a list that fails to render after a column type change",
     "Site https://%2.sharepoint.com/sites/HR"},
    {Workload::SharePoint,
     "Investigate search results missing for a site collection",
     "Site https://%2.sharepoint.com/sites/Legal"},
    {Workload::OneDrive, "Restore files after a sync client deleted a folder tree", "OneDrive of %1"},
    {Workload::OneDrive, "Investigate version history missing for Office documents", "OneDrive of %1"},
    {Workload::Teams, "Investigate a meeting recording that was not saved", "Meeting recordings of %1"},
    {Workload::Teams,
     "Diagnose chat messages that fail to load in a team channel",
     "Team 'Project Falcon' channel messages"},
};

const char* denyReasons[] = {
    "The issue was resolved without content access; closing the ticket.",
    "Scope is too broad: file again for the single affected mailbox.",
    "Not during quarter-end close. File again on Monday.",
    "We need the engineer's manager on the call before granting access.",
};

const char* approveComments[] = {
    "",
    "Approved for the ticket discussed with our help desk.",
    "OK. Please keep to the mailbox named.",
    "",
};

// A template names a person (%1), the tenant's short name (%2), both or neither.
QString scopeFor(const Template& chosen, const QString& person, const QString& tenantShortName)
{
    return QString::fromUtf8(chosen.scope)
        .replace(QLatin1String("%1"), person)
        .replace(QLatin1String("%2"), tenantShortName);
}

template <typename T>
Result<T> await(QFuture<Result<T>> future)
{
    return future.result();
}

Status awaitStatus(QFuture<Status> future)
{
    return future.result();
}

} // namespace

DemoCast DemoCast::standard()
{
    DemoCast cast;
    cast.tenants.append({QStringLiteral("contoso.onmicrosoft.com"),
                         QStringLiteral("Contoso Ltd"),
                         {QStringLiteral("megan.bowen@contoso.com"), QStringLiteral("Megan Bowen")},
                         {{QStringLiteral("alex.wilber@contoso.com"), QStringLiteral("Alex Wilber")}},
                         {{QStringLiteral("lidia.holloway@contoso.com"), QStringLiteral("Lidia Holloway")},
                          {QStringLiteral("diego.siciliani@contoso.com"), QStringLiteral("Diego Siciliani")}},
                         {{QStringLiteral("adele.vance@contoso.com"), QStringLiteral("Adele Vance")}}});
    cast.tenants.append({QStringLiteral("fabrikam.onmicrosoft.com"),
                         QStringLiteral("Fabrikam Inc"),
                         {QStringLiteral("nestor.wilke@fabrikam.com"), QStringLiteral("Nestor Wilke")},
                         {},
                         {{QStringLiteral("patti.fernandez@fabrikam.com"), QStringLiteral("Patti Fernandez")}},
                         {{QStringLiteral("isaiah.langer@fabrikam.com"), QStringLiteral("Isaiah Langer")}}});
    cast.engineers = {{QStringLiteral("rkumar@ops.lockbox.example"), QStringLiteral("Ravi Kumar")},
                      {QStringLiteral("jchen@ops.lockbox.example"), QStringLiteral("Jing Chen")},
                      {QStringLiteral("ofarouk@ops.lockbox.example"), QStringLiteral("Omar Farouk")},
                      {QStringLiteral("sdubois@ops.lockbox.example"), QStringLiteral("Sophie Dubois")},
                      {QStringLiteral("tnakamura@ops.lockbox.example"), QStringLiteral("Taro Nakamura")}};
    cast.managers = {{QStringLiteral("mgarcia@ops.lockbox.example"), QStringLiteral("Maria Garcia")},
                     {QStringLiteral("bokafor@ops.lockbox.example"), QStringLiteral("Bola Okafor")}};
    return cast;
}

Result<int> SeedGenerator::populate(Store& store, ManualClock& clock, const Options& options)
{
    const DemoCast cast = DemoCast::standard();
    const QDateTime end = options.end.toUTC();
    const QDateTime start = end.addDays(-options.days);
    QRandomGenerator random(options.seed);
    clock.set(start.addSecs(-3600));

    // The simulated admins sign their decisions like real ones: each with a key of their own, made
    // and registered the first time they decide (the secret halves are not kept).
    QHash<QString, SigningKey> keys;
    auto decide = [&](const Actor& who, const QString& id, Action action, const QString& text) {
        const QString name = who.tenantId + u'/' + who.principal;
        if (!keys.contains(name)) {
            const SigningKey key = *SigningKey::generate();
            (void)await(store.registerSigningKey(who, key.publicKey()));
            keys.insert(name, key);
        }
        DecisionSignature signature;
        if (Result<AccessRequest> request = await(store.request(who, id)))
            signature = DecisionSignature::sign(keys.value(name),
                                                DecisionStatement::of(*request, action, who.principal, clock.now()));
        return await(store.perform(who, id, action, text, signature));
    };

    for (const DemoCast::Tenant& tenant : cast.tenants) {
        TenantSettings settings;
        settings.tenantId = tenant.id;
        settings.displayName = tenant.displayName;
        if (Status created = awaitStatus(store.createTenant(
                settings, RoleAssignment {tenant.id, tenant.globalAdmin.principal, tenant.globalAdmin.displayName}));
            !created)
            return created.error();
        const Actor admin {tenant.globalAdmin.principal, tenant.id};
        auto assign = [&](const QList<DemoCast::Person>& people, Role role) -> Status {
            for (const DemoCast::Person& person : people) {
                Result<QList<RoleAssignment>> done = await(
                    store.setRole(admin, RoleAssignment {tenant.id, person.principal, person.displayName, role}));
                if (!done)
                    return done.error();
            }
            return Status::success();
        };
        for (auto [people, role] : {std::pair {tenant.otherGlobalAdmins, Role::GlobalAdministrator},
                                    std::pair {tenant.approvers, Role::LockboxApprover},
                                    std::pair {tenant.readers, Role::Reader}}) {
            if (Status assigned = assign(people, role); !assigned)
                return assigned.error();
        }
    }
    for (const auto& [people, role] :
         {std::pair {cast.engineers, Role::SupportEngineer}, std::pair {cast.managers, Role::SupportManager}}) {
        for (const DemoCast::Person& person : people) {
            if (Status added = awaitStatus(store.addOperatorStaff(
                    RoleAssignment {operatorTenantId, person.principal, person.displayName, role}));
                !added)
                return added.error();
        }
    }

    // The history is a time-ordered agenda: each step runs at its time on the store's clock and
    // may schedule the next step of the same request.
    std::multimap<QDateTime, std::function<Status()>> agenda;
    auto pick = [&random](const auto& list) -> const auto&
    {
        return list[random.bounded(int(std::size(list)))];
    };
    auto minutes = [&random](int from, int to) {
        return qint64(from + random.bounded(to - from + 1)) * 60;
    };
    int filed = 0;

    for (const DemoCast::Tenant& tenant : cast.tenants) {
        QList<DemoCast::Person> deciders = tenant.approvers;
        deciders.append(tenant.globalAdmin);
        deciders.append(tenant.otherGlobalAdmins);
        const QString shortName = tenant.id.section(QLatin1Char('.'), 0, 0);
        const QString mailDomain = tenant.globalAdmin.principal.section(QLatin1Char('@'), 1);
        const int total = options.days * options.requestsPerTenantPerDay;
        for (int i = 0; i < total; ++i) {
            // Spread over the period, weekdays busier, office hours mostly.
            const QDateTime when = start.addSecs(qint64(random.bounded(options.days * 24 * 3600)));
            agenda.emplace(when, [&, tenant, deciders, shortName, mailDomain, when]() -> Status {
                const Template& chosen = pick(templates);
                const QString person = QStringLiteral("%1@%2").arg(
                    QLatin1String(pick(std::array {
                        "ben.walters", "joni.sherman", "lee.gu", "lynne.robbins", "miriam.graham", "pradeep.gupta"})),
                    mailDomain);
                NewRequest wanted;
                wanted.tenantId = tenant.id;
                wanted.workload = chosen.workload;
                wanted.serviceRequest = QStringLiteral("SR%1").arg(2611000000LL + random.bounded(999999));
                wanted.reason = QString::fromUtf8(chosen.reason);
                wanted.scope = scopeFor(chosen, person, shortName);
                wanted.durationMinutes = pick(std::array {30, 60, 60, 120, 240, 15, 90});
                const DemoCast::Person& engineer = pick(cast.engineers);
                Result<AccessRequest> created
                    = await(store.fileRequest(Actor {engineer.principal, operatorTenantId}, wanted));
                if (!created)
                    return created.error();
                ++filed;
                const QString id = created->id;
                const int fate = random.bounded(100);
                if (fate < 4) { // the engineer fixes it another way
                    agenda.emplace(when.addSecs(minutes(5, 60)), [&, engineer, id]() -> Status {
                        // May be refused (the manager was quicker): that is history too.
                        (void)await(store.perform(Actor {engineer.principal, operatorTenantId},
                                                  id,
                                                  Action::Withdraw,
                                                  QStringLiteral("Fixed without content access.")));
                        return Status::success();
                    });
                    return Status::success();
                }
                const DemoCast::Person& manager = pick(cast.managers);
                const QDateTime managerAt = when.addSecs(minutes(3, 50));
                agenda.emplace(managerAt, [&, manager, id, fate, deciders, managerAt]() -> Status {
                    const Actor managerActor {manager.principal, operatorTenantId};
                    if (fate < 9) {
                        (void)await(
                            store.perform(managerActor,
                                          id,
                                          Action::ManagerReject,
                                          QStringLiteral("Use the diagnostics tool first; no content access needed.")));
                        return Status::success();
                    }
                    Result<AccessRequest> approved = await(store.perform(managerActor, id, Action::ManagerApprove, {}));
                    if (!approved || approved->status != RequestStatus::Pending)
                        return Status::success();
                    if (fate >= 90) // nobody decides: the request expires after 12 hours
                        return Status::success();
                    const DemoCast::Person& decider = pick(deciders);
                    const Actor customer {decider.principal, approved->tenantId};
                    const QDateTime decideAt = managerAt.addSecs(minutes(10, 300));
                    agenda.emplace(decideAt, [&, customer, id, fate, decideAt]() -> Status {
                        if (fate < 25) {
                            (void)decide(customer, id, Action::Deny, QString::fromUtf8(pick(denyReasons)));
                            return Status::success();
                        }
                        Result<AccessRequest> granted
                            = decide(customer, id, Action::Approve, QString::fromUtf8(pick(approveComments)));
                        if (granted && fate < 30) // the customer ends the window early
                            agenda.emplace(decideAt.addSecs(minutes(5, 14)), [&, customer, id]() -> Status {
                                (void)decide(
                                    customer, id, Action::Revoke, QStringLiteral("Work finished; closing access."));
                                return Status::success();
                            });
                        return Status::success();
                    });
                    return Status::success();
                });
                return Status::success();
            });
        }
    }

    // The present the trainee meets: fresh requests waiting, one about to lapse, one with the
    // manager, and an open access window.
    const DemoCast::Tenant& home = cast.tenants.first();
    struct Scene
    {
        qint64 filedSecondsAgo;
        bool managerApproves;
        bool approve;
        int duration;
        int templateIndex;
    };
    const Scene scenes[] = {{11 * 3600 + 40 * 60, true, false, 60, 0},
                            {3 * 3600, true, false, 120, 4},
                            {90 * 60, true, false, 30, 7},
                            {40 * 60, true, false, 240, 9},
                            {20 * 60, false, false, 60, 2},
                            {100 * 60, true, true, 240, 5}};
    for (const Scene& scene : options.presentScenes ? std::span<const Scene>(scenes) : std::span<const Scene>()) {
        const QDateTime when = end.addSecs(-scene.filedSecondsAgo);
        agenda.emplace(when, [&, scene, when]() -> Status {
            const Template& chosen = templates[scene.templateIndex];
            NewRequest wanted;
            wanted.tenantId = home.id;
            wanted.workload = chosen.workload;
            wanted.serviceRequest = QStringLiteral("SR%1").arg(2611240000LL + random.bounded(99999));
            wanted.reason = QString::fromUtf8(chosen.reason);
            wanted.scope = scopeFor(chosen, QStringLiteral("joni.sherman@contoso.com"), QStringLiteral("contoso"));
            wanted.durationMinutes = scene.duration;
            Result<AccessRequest> created
                = await(store.fileRequest(Actor {cast.engineers.first().principal, operatorTenantId}, wanted));
            if (!created)
                return created.error();
            ++filed;
            if (!scene.managerApproves)
                return Status::success();
            const QString id = created->id;
            agenda.emplace(when.addSecs(5 * 60), [&, id, scene, when]() -> Status {
                Result<AccessRequest> pending = await(store.perform(
                    Actor {cast.managers.first().principal, operatorTenantId}, id, Action::ManagerApprove, {}));
                if (!pending)
                    return pending.error();
                if (scene.approve)
                    agenda.emplace(when.addSecs(15 * 60), [&, id]() -> Status {
                        Result<AccessRequest> approved = decide(Actor {home.approvers.first().principal, home.id},
                                                                id,
                                                                Action::Approve,
                                                                QStringLiteral("Go ahead."));
                        return approved ? Status::success() : Status(approved.error());
                    });
                return Status::success();
            });
            return Status::success();
        });
    }

    while (!agenda.empty()) {
        auto next = agenda.begin();
        if (next->first > end)
            break;
        clock.set(next->first);
        std::function<Status()> step = std::move(next->second);
        agenda.erase(next);
        if (Status done = step(); !done)
            return done.error();
    }
    clock.set(end);
    if (Result<int> due = await(store.applyDueTransitions()); !due)
        return due.error();
    return filed;
}

Result<int> SeedGenerator::createDemoStore(const QString& path, const Options& options)
{
    if (QFileInfo::exists(path))
        return Error(Error::Code::InvalidInput, tr("%1 already exists; the demo never overwrites a file.").arg(path));
    auto clock = std::make_shared<ManualClock>(options.end);
    SqlStore store(path, clock);
    if (Status opened = store.open().result(); !opened)
        return opened.error();
    return populate(store, *clock, options);
}

} // namespace lockbox
