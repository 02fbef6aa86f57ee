#include "TestCliFormatting.h"
#include "TestCtl.h"
#include "TestCtlBinary.h"
#include "TestCtlRemote.h"
#include "support/TestRunner.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKBOX_VERSION));
    return runTestClasses<TestCliFormatting, TestCtl, TestCtlBinary, TestCtlRemote>(argc, argv);
}
