#include "TestCredentialVault.h"
#include "VaultProbe.h"
#include "support/TestRunner.h"

#include <QCoreApplication>
#include <cstring>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && std::strcmp(argv[1], VaultProbe::argument) == 0)
        return VaultProbe::run(QString::fromLocal8Bit(argv[2]));
    return runTestClasses<TestCredentialVault>(argc, argv);
}
