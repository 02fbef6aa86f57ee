#pragma once

#include "PostgresTestDatabase.h"
#include "core/ManualClock.h"
#include "domain/Actor.h"
#include "signing/DecisionSignature.h"
#include "store/SqlStore.h"

#include <QHash>
#include <QTemporaryDir>
#include <functional>
#include <memory>

// A fresh store on a manual clock, with two tenants and people in every role: contoso (megan:
// Global administrator, lidia and diego: approvers, adele: reader), fabrikam (nestor: Global
// administrator), and the operator's engineer and manager. The store is an SQLite file in a
// temporary folder, or, with LOCKBOX_TEST_BACKEND=postgres, a fresh PostgreSQL database of its own
// on the test server (see PostgresTestDatabase), dropped again afterwards.
class StoreFixture
{
public:
    static const QDateTime start; // 2026-11-24 08:00 UTC

    // Whether LOCKBOX_TEST_BACKEND asks for PostgreSQL.
    static bool usesPostgres();

    // Whether the fixture's stores endorse the keys they register, as lockboxd's does (and then
    // count no others), or not, as the Admin Center's and lockboxctl's local stores.
    enum class Endorsing { No, LikeLockboxd };

    // `connections`: how many the store opens (lockboxd's service fixture uses several).
    explicit StoreFixture(int connections = 1, Endorsing endorsing = Endorsing::No);
    ~StoreFixture();

    // Opens the store and provisions tenants and people. False (with a message) on failure.
    bool setUp(QString* problem);

    // The store's database name: the SQLite file, or the PostgreSQL database's URL.
    QString path() const;
    lockbox::SqlStore& store() { return *m_store; }
    lockbox::ManualClock& clock() { return *m_clock; }
    std::shared_ptr<lockbox::ManualClock> sharedClock() const { return m_clock; }
    // The key the fixture's stores endorse with (Endorsing::LikeLockboxd); a lockboxd started on
    // the fixture's database is given it in this file (mode 0600), so that both agree.
    const lockbox::SigningKey& endorsementKey() const { return m_endorser; }
    QString endorsementKeyFile();
    // A second, independent store (own connection) on the same database and clock.
    std::unique_ptr<lockbox::SqlStore> openSecondStore() const;
    // Closes the store (for on-disk edits) and opens it again.
    void closeStore();
    bool reopenStore(QString* problem);

    // The people, each with the role the fixture gives them (as a sign-in reads it).
    static const QString contoso;
    static const QString fabrikam;
    static lockbox::Actor megan();
    static lockbox::Actor lidia();
    static lockbox::Actor diego();
    static lockbox::Actor adele();
    static lockbox::Actor nestor();
    static lockbox::Actor engineer();
    static lockbox::Actor manager();

    // Files a request for contoso as the engineer (state Filed); empty id on failure.
    QString file(int durationMinutes = 60, const QString& tenantId = contoso);
    // Files and has the manager approve it (state Pending); empty id on failure.
    QString pending(int durationMinutes = 60, const QString& tenantId = contoso);
    // Changes contoso's settings as its Global administrator; false when the store refused.
    bool changeSettings(const std::function<void(lockbox::TenantSettings&)>& change);

    // The person's signing key in this store: made, and registered when their role allows, on
    // first use.
    lockbox::SigningKey keyOf(const lockbox::Actor& who);
    // keyOf(who) in a key file of its own (mode 0600), for lockboxctl --key or LOCKBOX_KEY.
    QString keyFileOf(const lockbox::Actor& who);
    // `who`'s signature of `action` on request `idOrReference` at the store's time now.
    lockbox::DecisionSignature
    signature(const lockbox::Actor& who, const QString& idOrReference, lockbox::Action action);
    // Signed customer decisions, as the Admin Center and lockboxctl make them.
    QFuture<lockbox::Result<lockbox::AccessRequest>>
    approve(const lockbox::Actor& who, const QString& idOrReference, const QString& comment = {});
    QFuture<lockbox::Result<lockbox::AccessRequest>>
    deny(const lockbox::Actor& who, const QString& idOrReference, const QString& reason);
    QFuture<lockbox::Result<lockbox::AccessRequest>>
    revoke(const lockbox::Actor& who, const QString& idOrReference, const QString& comment = {});

private:
    QTemporaryDir m_dir;
    PostgresTestDatabase m_postgres; // outlives the store
    std::shared_ptr<lockbox::ManualClock> m_clock;
    int m_connections = 1;
    lockbox::SigningKey m_endorser;
    Endorsing m_endorsing = Endorsing::No;
    std::unique_ptr<lockbox::SqlStore> m_store;
    QHash<QString, lockbox::SigningKey> m_keys; // by tenant/principal
};

// Declares a StoreFixture `name` set up for a test function, failing the test if it cannot be.
#define LOCKBOX_STORE_FIXTURE(name)                                                                                    \
    StoreFixture name;                                                                                                 \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(name.setUp(&problem_), qPrintable(problem_));                                                         \
    } while (false)

// The same for a store that endorses keys like lockboxd's (for a lockboxd started on it).
#define LOCKBOX_SERVICE_STORE_FIXTURE(name)                                                                            \
    StoreFixture name(1, StoreFixture::Endorsing::LikeLockboxd);                                                       \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(name.setUp(&problem_), qPrintable(problem_));                                                         \
    } while (false)
