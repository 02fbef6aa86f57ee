#pragma once

#include "core/Clock.h"
#include "domain/Actor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <functional>
#include <memory>

// Runs lockboxctl commands in-process through lockbox::Ctl, on a given clock and an environment
// of the test's choosing (empty unless set), and captures the exit code and both streams.
class CtlRunner
{
public:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;

        // stdout as one JSON document; an empty object (and `ok` false) when it is not one.
        QJsonObject json(bool* ok = nullptr) const;
        // For QVERIFY2: what the command printed.
        QString describe() const;
    };

    CtlRunner(std::shared_ptr<const lockbox::Clock> clock, QString storePath);

    void setEnvironment(const QProcessEnvironment& environment) { m_environment = environment; }
    // as() signs decisions with the key file this gives for the actor (LOCKBOX_KEY), as an
    // approver does who keeps their key where lockboxctl finds it.
    void setKeyFiles(std::function<QString(const lockbox::Actor&)> keyFileOf) { m_keyFileOf = std::move(keyFileOf); }

    // `lockboxctl ARGUMENTS`, exactly as given.
    Run run(const QStringList& arguments) const;
    // `lockboxctl --store STORE --as PRINCIPAL --tenant TENANT ARGUMENTS`.
    Run as(const lockbox::Actor& actor, const QStringList& arguments) const;

    const QString& storePath() const { return m_storePath; }

private:
    std::shared_ptr<const lockbox::Clock> m_clock;
    QString m_storePath;
    QProcessEnvironment m_environment;
    std::function<QString(const lockbox::Actor&)> m_keyFileOf;
};
