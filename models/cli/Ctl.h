#pragma once

#include "core/Clock.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QStringList>
#include <memory>

class QTextStream;

namespace lockbox {

class CommandArguments;
struct CommandSpec;

// lockboxctl: reads the command line, finds the command, makes sure what it needs is there (the
// store, the actor resolved by the store) and runs it. The binary's main() only calls run(); tests
// call it in-process with their own environment, clock and streams.
class Ctl
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::Ctl)

public:
    Ctl();
    Ctl(QProcessEnvironment environment, std::shared_ptr<const Clock> clock);

    // `arguments` as QCoreApplication::arguments(): the program name first. Returns the exit code.
    int run(const QStringList& arguments, QTextStream& out, QTextStream& err);

private:
    int runCommand(const CommandSpec& spec,
                   const QStringList& rest,
                   const CommandArguments& global,
                   QTextStream& out,
                   QTextStream& err);

    QProcessEnvironment m_environment;
    std::shared_ptr<const Clock> m_clock;
};

} // namespace lockbox
