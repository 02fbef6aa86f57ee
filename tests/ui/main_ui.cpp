#include "TestAccessibility.h"
#include "TestAdminCenter.h"
#include "TestItemModels.h"
#include "TestNotifications.h"
#include "TestRemoteAdminCenter.h"
#include "TestRemoteKeychain.h"
#include "TestTrainingDemo.h"
#include "support/TestRunner.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    return runTestClasses<TestItemModels,
                          TestAdminCenter,
                          TestAccessibility,
                          TestNotifications,
                          TestTrainingDemo,
                          TestRemoteAdminCenter,
                          TestRemoteKeychain>(argc, argv);
}
