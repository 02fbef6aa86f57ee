#include "TestLocalizedAdminCenter.h"
#include "TestTranslations.h"
#include "support/TestRunner.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    return runTestClasses<TestTranslations, TestLocalizedAdminCenter>(argc, argv);
}
