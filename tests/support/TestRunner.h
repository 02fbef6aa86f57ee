#pragma once

#include <QObject>
#include <QStringList>
#include <QTest>

#include <cstdio>
#include <vector>

// Runs the Qt Test classes of one test executable. `exe ClassName [qtest options]` runs one class
// (how ctest registers each), `exe [qtest options]` runs them all.
template <typename... Tests>
int runTestClasses(int argc, char** argv)
{
    std::vector<char*> args(argv, argv + argc);
    QString only;
    if (args.size() > 1 && args[1][0] != '-') {
        only = QString::fromLocal8Bit(args[1]);
        args.erase(args.begin() + 1);
    }
    int failures = 0;
    bool ran = false;
    auto runOne = [&]<typename Test>() {
        Test test;
        if (!only.isEmpty() && only != QLatin1String(test.metaObject()->className()))
            return;
        ran = true;
        failures += QTest::qExec(&test, int(args.size()), args.data());
    };
    (runOne.template operator()<Tests>(), ...);
    if (!ran) {
        std::fprintf(stderr, "No test class named %s in this executable.\n", qPrintable(only));
        return 2;
    }
    return failures;
}
