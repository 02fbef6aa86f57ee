#include "AuditCommands.h"

#include "AuditFileVerifier.h"
#include "CommandArguments.h"
#include "CommandCatalog.h"
#include "CommandContext.h"
#include "TextStreamDevice.h"
#include "audit/AuditExporter.h"
#include "audit/AuditPageSource.h"
#include "store/Store.h"

#include <QFile>
#include <QSaveFile>
#include <QTextStream>
#include <QUuid>

namespace lockbox {

void AuditCommands::addTo(CommandCatalog& catalog)
{
    catalog.add(CommandSpec {
        {QStringLiteral("audit"), QStringLiteral("export")},
        {},
        QStringLiteral(
            "[--format jsonl|csv] [--output FILE] [--from ISO] [--to ISO] [--operation OP] [--actor P] [--request ID]"),
        tr("Export the tenant's audit log, oldest first, as JSON lines or CSV; progress on stderr."),
        {QCommandLineOption(QStringLiteral("format"),
                            tr("jsonl (one JSON object a line, the default) or csv."),
                            QStringLiteral("FORMAT")),
         QCommandLineOption(QStringLiteral("output"),
                            tr("Write to FILE (replaced only when the export is complete) instead of stdout."),
                            QStringLiteral("FILE")),
         QCommandLineOption(
             QStringLiteral("from"), tr("Only records at or after this UTC time (ISO 8601)."), QStringLiteral("ISO")),
         QCommandLineOption(
             QStringLiteral("to"), tr("Only records before this UTC time (ISO 8601)."), QStringLiteral("ISO")),
         QCommandLineOption(QStringLiteral("operation"),
                            tr("Only this operation, e.g. RequestApproved or ActionRefused."),
                            QStringLiteral("OP")),
         QCommandLineOption(QStringLiteral("actor"), tr("Only records by this principal."), QStringLiteral("P")),
         QCommandLineOption(QStringLiteral("request"),
                            tr("Only records about this request (its id or reference)."),
                            QStringLiteral("ID"))},
        CommandSpec::Needs::Actor,
        {},
        &AuditCommands::exportLog});
    catalog.add(CommandSpec {{QStringLiteral("audit"), QStringLiteral("verify")},
                             {},
                             {},
                             tr("Check the store's audit hash chain; names the first broken record."),
                             {},
                             CommandSpec::Needs::Actor,
                             {},
                             &AuditCommands::verify});
    catalog.add(CommandSpec {{QStringLiteral("audit"), QStringLiteral("verify-file")},
                             {QStringLiteral("FILE")},
                             {},
                             tr("Check an exported JSON lines file offline (no store needed); names the first "
                                "broken record."),
                             {},
                             CommandSpec::Needs::Nothing,
                             {},
                             &AuditCommands::verifyFile});
}

ExitCode AuditCommands::exportLog(CommandContext& context, const CommandArguments& arguments)
{
    AuditExporter::Format format = AuditExporter::Format::JsonLines;
    if (arguments.isSet(QStringLiteral("format"))
        && !AuditExporter::formatFromName(arguments.value(QStringLiteral("format")).trimmed(), &format))
        return context.usage(
            tr("--format takes jsonl or csv; \"%1\" is neither.").arg(arguments.value(QStringLiteral("format"))));
    const QString output = arguments.value(QStringLiteral("output"));
    if (context.json() && output.isEmpty())
        return context.usage(tr("With --json, give --output FILE: the export itself would take stdout."));
    Result<QDateTime> from = arguments.time(QStringLiteral("from"));
    if (!from)
        return context.usage(from.error().message());
    Result<QDateTime> to = arguments.time(QStringLiteral("to"));
    if (!to)
        return context.usage(to.error().message());

    Store& store = context.store();
    AuditQuery query;
    query.from = *from;
    query.to = *to;
    query.operation = arguments.value(QStringLiteral("operation")).trimmed();
    query.actor = arguments.value(QStringLiteral("actor")).trimmed();
    query.limit = AuditQuery::maxLimit;
    const QString request = arguments.value(QStringLiteral("request")).trimmed();
    if (!request.isEmpty() && QUuid::fromString(request).isNull()) {
        // A reference: the audit log records requests by id.
        Result<AccessRequest> found = store.request(context.actor(), request).result();
        if (!found)
            return context.fail(found.error());
        query.requestId = found->id;
    } else {
        query.requestId = request;
    }

    const AuditExporter::PageSource source = AuditPageSource::from(store, context.actor(), query);
    qint64 nextReport = progressEvery;
    const AuditExporter::Progress progress = [&](qint64 written) {
        if (written >= nextReport) {
            context.progress(tr("Exported %1 records...").arg(written));
            nextReport = (written / progressEvery + 1) * progressEvery;
        }
        return true;
    };
    const QString formatName = format == AuditExporter::Format::Csv ? QStringLiteral("csv") : QStringLiteral("jsonl");

    if (output.isEmpty()) {
        TextStreamDevice device(context.out());
        Result<qint64> written = AuditExporter::write(device, format, source, progress);
        if (!written)
            return context.fail(written.error());
        context.progress(tr("Exported the audit log. Records: %1.").arg(*written));
        return ExitCode::Success;
    }

    // A QSaveFile replaces the file only on commit(): a failed export leaves no half-written file
    // behind, and an earlier export at the same path stays as it was.
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly))
        return context.fail(Error(Error::Code::StorageFailure,
                                  tr("Cannot write the export to %1: %2").arg(output, file.errorString())));
    Result<qint64> written = AuditExporter::write(file, format, source, progress);
    if (!written) {
        file.cancelWriting();
        return context.fail(written.error());
    }
    if (!file.commit())
        return context.fail(
            Error(Error::Code::StorageFailure, tr("Cannot save the export to %1: %2").arg(output, file.errorString())));
    if (context.json())
        context.printJson(QJsonObject {{QStringLiteral("exported"), *written},
                                       {QStringLiteral("format"), formatName},
                                       {QStringLiteral("output"), output}});
    else
        context.out() << tr("Exported the audit log to %1 (%2). Records: %3.").arg(output, formatName).arg(*written)
                      << '\n';
    return ExitCode::Success;
}

ExitCode AuditCommands::verify(CommandContext& context, const CommandArguments&)
{
    Result<AuditVerification> verified = context.store().verifyAudit(context.actor()).result();
    if (!verified)
        return context.fail(verified.error());
    const QJsonObject json {{QStringLiteral("intact"), verified->intact},
                            {QStringLiteral("recordCount"), verified->recordCount},
                            {QStringLiteral("firstBrokenSeq"), verified->firstBrokenSeq},
                            {QStringLiteral("problem"), verified->problem},
                            {QStringLiteral("lastHash"), verified->lastHash}};
    if (!verified->intact)
        return context.fail(Error(Error::Code::IntegrityFailure, verified->summary()), json);
    if (context.json()) {
        context.printJson(json);
        return ExitCode::Success;
    }
    context.out() << verified->summary() << '\n';
    // Verification cannot see a log cut short at its end; the head hash, kept elsewhere, can.
    context.out() << tr("Head of the chain: %1 (keep it elsewhere: a log cut short changes it)").arg(verified->lastHash)
                  << '\n';
    return ExitCode::Success;
}

ExitCode AuditCommands::verifyFile(CommandContext& context, const CommandArguments& arguments)
{
    const QString path = arguments.positional(0);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return context.fail(
            Error(Error::Code::IntegrityFailure, tr("Cannot read %1: %2").arg(path, file.errorString())));
    Result<AuditFileVerifier::Report> verified = AuditFileVerifier::verify(file);
    if (!verified)
        return context.fail(verified.error());
    const AuditFileVerifier::Report& report = *verified;
    const QJsonObject json {{QStringLiteral("file"), path},
                            {QStringLiteral("intact"), report.intact()},
                            {QStringLiteral("recordCount"), report.chain.recordCount},
                            {QStringLiteral("firstBrokenSeq"), report.chain.firstBrokenSeq},
                            {QStringLiteral("brokenLine"), report.brokenLine},
                            {QStringLiteral("problem"), report.chain.problem},
                            {QStringLiteral("lastHash"), report.chain.lastHash}};
    // An empty file proves nothing, and may be an export cut short: it does not pass.
    if (!report.intact() || report.chain.recordCount == 0)
        return context.fail(Error(Error::Code::IntegrityFailure, report.summary()), json);
    if (context.json())
        context.printJson(json);
    else
        context.out() << report.summary() << '\n';
    return ExitCode::Success;
}

} // namespace lockbox
