#include "CommandArguments.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <limits>

namespace lockbox {

Result<CommandArguments>
CommandArguments::parse(const QStringList& arguments, const QList<QCommandLineOption>& options, Mode mode)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(mode == Mode::StopAtFirstPositional
                                                      ? QCommandLineParser::ParseAsPositionalArguments
                                                      : QCommandLineParser::ParseAsOptions);
    parser.addOptions(options);
    // QCommandLineParser expects the program name first.
    if (!parser.parse(QStringList {QStringLiteral("lockboxctl")} + arguments))
        return Error(Error::Code::InvalidInput, parser.errorText());

    CommandArguments parsed;
    for (const QCommandLineOption& option : options) {
        const QString& name = option.names().constFirst();
        if (!parser.isSet(name))
            continue;
        for (const QString& alias : option.names())
            parsed.m_values.insert(alias, parser.values(name));
    }
    parsed.m_positionals = parser.positionalArguments();
    return parsed;
}

QString CommandArguments::value(const QString& name) const
{
    const QStringList values = m_values.value(name);
    return values.isEmpty() ? QString() : values.constLast();
}

void CommandArguments::inheritFrom(const CommandArguments& earlier)
{
    for (auto it = earlier.m_values.cbegin(); it != earlier.m_values.cend(); ++it) {
        if (!m_values.contains(it.key()))
            m_values.insert(it.key(), it.value());
    }
}

Result<int> CommandArguments::integer(const QString& name, int fallback) const
{
    if (!isSet(name))
        return fallback;
    bool ok = false;
    const qint64 number = value(name).trimmed().toLongLong(&ok);
    if (!ok)
        return Error(Error::Code::InvalidInput,
                     tr("--%1 takes a whole number; \"%2\" is not one.").arg(name, value(name)));
    if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max())
        return Error(Error::Code::InvalidInput, tr("--%1 %2 is out of range.").arg(name, value(name)));
    return int(number);
}

Result<QDateTime> CommandArguments::time(const QString& name) const
{
    if (!isSet(name))
        return QDateTime();
    const QString text = value(name).trimmed();
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            time = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    if (!time.isValid())
        return Error(Error::Code::InvalidInput,
                     tr("--%1 takes an ISO 8601 time such as 2026-11-24T08:00:00Z or a date such as 2026-11-24; "
                        "\"%2\" is not one.")
                         .arg(name, text));
    // Lockbox keeps every time in UTC; a time given without an offset means UTC, not local time.
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

Result<bool> CommandArguments::onOff(const QString& name) const
{
    const QString text = value(name).trimmed().toLower();
    for (const char* on : {"on", "true", "yes", "1"}) {
        if (text == QLatin1String(on))
            return true;
    }
    for (const char* off : {"off", "false", "no", "0"}) {
        if (text == QLatin1String(off))
            return false;
    }
    return Error(Error::Code::InvalidInput, tr("--%1 takes on or off; \"%2\" is neither.").arg(name, value(name)));
}

} // namespace lockbox
