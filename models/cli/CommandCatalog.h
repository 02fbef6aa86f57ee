#pragma once

#include "CommandSpec.h"

#include <QCoreApplication>
#include <QList>

namespace lockbox {

// Every lockboxctl command, in the order the help lists them, and the help built from them.
class CommandCatalog
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::CommandCatalog)

public:
    // The commands of lockboxctl: requests, settings and roles, audit, operator, provisioning.
    static CommandCatalog standard();

    void add(CommandSpec spec);
    const QList<CommandSpec>& commands() const { return m_commands; }

    // The command named by the leading `words` (the longest match), and how many words it took;
    // nullptr when none matches.
    const CommandSpec* find(const QStringList& words, qsizetype* used) const;
    // The second words of the commands that start with `group` ("audit": export, verify, ...).
    QStringList subcommands(const QString& group) const;

    // `lockboxctl --help`: usage, global options, commands, exit codes, environment.
    QString helpText() const;
    // `lockboxctl COMMAND --help`.
    static QString helpText(const CommandSpec& spec);
    // The exit code table, as printed in the help.
    static QString exitCodesText();

private:
    QList<CommandSpec> m_commands;
};

} // namespace lockbox
