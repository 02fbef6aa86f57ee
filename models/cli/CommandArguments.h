#pragma once

#include "core/Result.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace lockbox {

// The options and positional arguments given to one command, read with QCommandLineParser and
// kept as plain values. Typed readers answer malformed values with an InvalidInput Error that
// names the option; lockboxctl shows those as usage errors (exit code 1), never as refusals.
class CommandArguments
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::CommandArguments)

public:
    enum class Mode {
        Options, // options may come anywhere among the positional arguments
        StopAtFirstPositional, // everything from the first positional argument on is positional
    };

    // `arguments` without the program name. An unknown option or a missing value is an Error.
    static Result<CommandArguments>
    parse(const QStringList& arguments, const QList<QCommandLineOption>& options, Mode mode = Mode::Options);

    bool isSet(const QString& name) const { return m_values.contains(name); }
    // The last value given for the option, or empty.
    QString value(const QString& name) const;
    const QStringList& positionals() const { return m_positionals; }
    QString positional(qsizetype index) const { return m_positionals.value(index); }

    // Takes the options given here over those of `earlier` (global options given before the
    // command name), and `earlier`'s for the rest.
    void inheritFrom(const CommandArguments& earlier);

    // The option's value as a whole number, `fallback` when the option is not given. Whether the
    // number is acceptable is for the store to judge; only a malformed one is refused here.
    Result<int> integer(const QString& name, int fallback) const;
    // The option's value as a UTC time: ISO 8601 with or without a time; no offset means UTC.
    Result<QDateTime> time(const QString& name) const;
    // The option's value as on/off (also accepts true/false, yes/no, 1/0).
    Result<bool> onOff(const QString& name) const;

private:
    QHash<QString, QStringList> m_values; // every name of a given option, to its values
    QStringList m_positionals;
};

} // namespace lockbox
