#include "TestAuditChain.h"
#include "TestJsonForms.h"
#include "TestLifecycle.h"
#include "TestSchemaMigrations.h"
#include "TestSeed.h"
#include "TestServerDatabase.h"
#include "TestSigning.h"
#include "TestSqlDialect.h"
#include "TestSqlStore.h"
#include "support/TestRunner.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    return runTestClasses<TestLifecycle,
                          TestSqlStore,
                          TestSqlDialect,
                          TestSchemaMigrations,
                          TestAuditChain,
                          TestSeed,
                          TestJsonForms,
                          TestSigning,
                          TestServerDatabase>(argc, argv);
}
