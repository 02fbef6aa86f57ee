#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace lockbox {

class Store;
class ManualClock;

// Who is in the demo: the tenants, their admins in each role, and the operator's staff.
struct DemoCast
{
    struct Person
    {
        QString principal;
        QString displayName;
    };
    struct Tenant
    {
        QString id;
        QString displayName;
        Person globalAdmin;
        QList<Person> otherGlobalAdmins;
        QList<Person> approvers;
        QList<Person> readers;
    };
    QList<Tenant> tenants;
    QList<Person> engineers;
    QList<Person> managers;

    static DemoCast standard();
};

// Fills a store with realistic data by playing 30 days of history through the real store and
// lifecycle on a manual clock: engineers file, managers approve or reject, admins approve, deny
// and revoke, requests expire. Every row and audit record is what the product itself would write.
class SeedGenerator
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SeedGenerator)

public:
    struct Options
    {
        QDateTime end; // "now" at the end of the history
        int days = 30;
        int requestsPerTenantPerDay = 5;
        quint32 seed = 20261124;
        // Ends with the present a trainee meets: requests waiting, one about to lapse, an open window.
        bool presentScenes = true;
    };

    // `store` must be open and use `clock` as its clock. Returns the number of requests filed.
    static Result<int> populate(Store& store, ManualClock& clock, const Options& options);

    // Creates (or refuses to overwrite) an SQLite store file at `path` with the standard demo.
    static Result<int> createDemoStore(const QString& path, const Options& options);
};

} // namespace lockbox
