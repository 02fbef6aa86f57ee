#include "CtlRunner.h"

#include "cli/CtlOptions.h"

#include "cli/Ctl.h"

#include <QTextStream>

QJsonObject CtlRunner::Run::json(bool* ok) const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(out.toUtf8(), &error);
    const bool valid = error.error == QJsonParseError::NoError && document.isObject();
    if (ok)
        *ok = valid;
    return valid ? document.object() : QJsonObject();
}

QString CtlRunner::Run::describe() const
{
    return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3").arg(exitCode).arg(out, err);
}

CtlRunner::CtlRunner(std::shared_ptr<const lockbox::Clock> clock, QString storePath)
    : m_clock(std::move(clock))
    , m_storePath(std::move(storePath))
{ }

CtlRunner::Run CtlRunner::run(const QStringList& arguments) const
{
    Run result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode
        = lockbox::Ctl(m_environment, m_clock).run(QStringList {QStringLiteral("lockboxctl")} + arguments, out, err);
    out.flush();
    err.flush();
    return result;
}

CtlRunner::Run CtlRunner::as(const lockbox::Actor& actor, const QStringList& arguments) const
{
    if (m_keyFileOf && !m_environment.contains(lockbox::CtlOptions::keyVariable)) {
        CtlRunner signing(*this);
        signing.m_environment.insert(lockbox::CtlOptions::keyVariable, m_keyFileOf(actor));
        signing.m_keyFileOf = nullptr;
        return signing.as(actor, arguments);
    }
    return run(QStringList {QStringLiteral("--store"),
                            m_storePath,
                            QStringLiteral("--as"),
                            actor.principal,
                            QStringLiteral("--tenant"),
                            actor.tenantId}
               + arguments);
}
