#pragma once

#include <QString>

// The test PostgreSQL cluster itself, stopped and started again for tests of a database that
// goes away. scripts/with-postgres.sh names it (LOCKBOX_TEST_PG_BIN, LOCKBOX_TEST_PG_DATA); as
// root, pg_ctl runs as the cluster's owner, since PostgreSQL refuses to run as root. A server
// this stopped is started again when the object is destroyed, whatever the test did.
class PostgresTestServer
{
public:
    PostgresTestServer() = default;
    ~PostgresTestServer();
    PostgresTestServer(const PostgresTestServer&) = delete;
    PostgresTestServer& operator=(const PostgresTestServer&) = delete;

    // Both wait until the server is down, or accepts connections. False with a message.
    bool stop(QString* problem);
    bool start(QString* problem);

private:
    bool pgCtl(const QStringList& arguments, QString* problem);

    bool m_stopped = false;
};
