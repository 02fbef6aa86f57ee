#include "TestAccounts.h"
#include "TestApiServer.h"
#include "TestMailNotifier.h"
#include "TestServiceConfigFile.h"
#include "TestServiceRace.h"
#include "support/TestRunner.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    return runTestClasses<TestAccounts, TestApiServer, TestServiceConfigFile, TestMailNotifier, TestServiceRace>(argc,
                                                                                                                 argv);
}
