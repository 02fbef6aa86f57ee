#pragma once

#include <QTest>

// QVERIFY for a lockbox::Result, printing the error's message when it fails.
#define LOCKBOX_VERIFY_OK(result)                                                                                      \
    do {                                                                                                               \
        const auto& lockboxResult_ = (result);                                                                         \
        QVERIFY2(lockboxResult_.isOk(),                                                                                \
                 qPrintable(lockboxResult_.isOk() ? QString() : lockboxResult_.error().message()));                    \
    } while (false)

// QCOMPARE of a failed Result's error code.
#define LOCKBOX_COMPARE_ERROR(result, expectedCode)                                                                    \
    do {                                                                                                               \
        const auto& lockboxResult_ = (result);                                                                         \
        QVERIFY2(!lockboxResult_.isOk(), "expected a refusal, got success");                                           \
        QCOMPARE(lockbox::Error::codeName(lockboxResult_.error().code()), lockbox::Error::codeName(expectedCode));     \
    } while (false)
