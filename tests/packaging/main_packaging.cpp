#include "TestPackages.h"
#include "support/TestRunner.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    return runTestClasses<TestPackages>(argc, argv);
}
