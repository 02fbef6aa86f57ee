#include "Ctl.h"

#include "CommandArguments.h"
#include "CommandCatalog.h"
#include "CommandContext.h"
#include "CtlOptions.h"
#include "core/SystemClock.h"

#include <QTextStream>

namespace lockbox {

Ctl::Ctl()
    : Ctl(QProcessEnvironment::systemEnvironment(), std::make_shared<SystemClock>())
{ }

Ctl::Ctl(QProcessEnvironment environment, std::shared_ptr<const Clock> clock)
    : m_environment(std::move(environment))
    , m_clock(std::move(clock))
{ }

int Ctl::run(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    const CommandCatalog catalog = CommandCatalog::standard();
    auto usage = [&](const QString& message, bool json) {
        CommandContext context(out, err, CtlOptions {{}, {}, {}, json}, m_clock, {});
        return int(context.usage(message));
    };

    // First the global options, up to the command name; the command's own parse takes the rest.
    QList<QCommandLineOption> leading = CtlOptions::globalOptions();
    leading.append(QCommandLineOption(QStringLiteral("version")));
    Result<CommandArguments> global
        = CommandArguments::parse(arguments.mid(1), leading, CommandArguments::Mode::StopAtFirstPositional);
    if (!global)
        return usage(global.error().message(), arguments.contains(QStringLiteral("--json")));
    const bool json = global->isSet(QStringLiteral("json"));
    const QStringList& words = global->positionals();

    if (global->isSet(QStringLiteral("version"))) {
        out << "lockboxctl " << QCoreApplication::applicationVersion() << '\n';
        return int(ExitCode::Success);
    }
    qsizetype used = 0;
    const CommandSpec* spec = catalog.find(words, &used);
    const bool helpWord = !words.isEmpty() && words.constFirst() == QLatin1String("help");
    if (helpWord || global->isSet(QStringLiteral("help"))) {
        const QStringList about = helpWord ? words.mid(1) : words;
        const CommandSpec* topic = catalog.find(about, &used);
        out << (topic ? CommandCatalog::helpText(*topic) : catalog.helpText());
        return int(ExitCode::Success);
    }
    if (words.isEmpty())
        return usage(tr("Give a command."), json);
    if (!spec) {
        const QStringList subcommands = catalog.subcommands(words.constFirst());
        if (subcommands.isEmpty())
            return usage(tr("There is no command '%1'.").arg(words.constFirst()), json);
        const QString given = words.size() > 1 ? tr("'%1' is not one of them").arg(words.at(1)) : tr("none was given");
        return usage(tr("'%1' takes a subcommand: %2; %3.")
                         .arg(words.constFirst(), subcommands.join(QStringLiteral(", ")), given),
                     json);
    }
    return runCommand(*spec, words.mid(used), *global, out, err);
}

int Ctl::runCommand(const CommandSpec& spec,
                    const QStringList& rest,
                    const CommandArguments& global,
                    QTextStream& out,
                    QTextStream& err)
{
    QList<QCommandLineOption> options = spec.options;
    options.append(CtlOptions::globalOptionsBesides(spec.options));
    Result<CommandArguments> parsed = CommandArguments::parse(rest, options);
    CommandArguments arguments = parsed ? *parsed : CommandArguments();
    arguments.inheritFrom(global);

    // A command line that does not parse still asked for JSON if --json is in it.
    const bool json = arguments.isSet(QStringLiteral("json")) || rest.contains(QStringLiteral("--json"));
    CommandContext early(out, err, CtlOptions {{}, {}, {}, json}, m_clock, spec.name());
    if (!parsed)
        return int(early.usage(parsed.error().message()));
    if (arguments.isSet(QStringLiteral("help"))) {
        out << CommandCatalog::helpText(spec);
        return int(ExitCode::Success);
    }
    const QStringList& positionals = arguments.positionals();
    if (positionals.size() < spec.positionals.size())
        return int(
            early.usage(tr("'%1' needs %2.")
                            .arg(spec.name(), spec.positionals.mid(positionals.size()).join(QStringLiteral(" and ")))));
    if (positionals.size() > spec.positionals.size())
        return int(
            early.usage(tr("'%1' does not take '%2'.").arg(spec.name(), positionals.at(spec.positionals.size()))));

    Result<CtlOptions> resolved = CtlOptions::resolve(arguments, m_environment, spec);
    if (!resolved)
        return int(early.usage(resolved.error().message()));
    CommandContext context(out, err, *resolved, m_clock, spec.name());
    if (spec.needs == CommandSpec::Needs::Actor) {
        if (Status signedIn = context.signIn(spec.needsStepUp); !signedIn)
            return int(context.fail(signedIn.error()));
    }
    const ExitCode code = spec.run(context, arguments);
    out.flush();
    err.flush();
    return int(code);
}

} // namespace lockbox
