#pragma once

#include <QString>

// A fresh, empty PostgreSQL database on the test server, dropped again when destroyed, so that
// tests never see each other's data. The server is named by LOCKBOX_TEST_PG_URL, which
// scripts/with-postgres.sh sets (it starts a throwaway cluster for the command it runs).
class PostgresTestDatabase
{
public:
    PostgresTestDatabase() = default;
    ~PostgresTestDatabase();
    PostgresTestDatabase(const PostgresTestDatabase&) = delete;
    PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

    // False, with a message saying what to do, when there is no test server to create it on.
    bool create(QString* problem);
    // postgresql://user@host:port/lockbox_test_...
    QString url() const { return m_url; }
    // The database's name alone.
    QString name() const { return m_name; }

    static const char* const serverVariable; // LOCKBOX_TEST_PG_URL

private:
    QString m_name;
    QString m_url;
};
