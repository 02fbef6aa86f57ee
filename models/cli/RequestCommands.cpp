#include "RequestCommands.h"

#include "CommandArguments.h"
#include "CommandCatalog.h"
#include "CommandContext.h"
#include "DisplayFormat.h"
#include "TablePrinter.h"
#include "lifecycle/Lifecycle.h"
#include "signing/DecisionSignature.h"
#include "signing/KeyFile.h"
#include "store/Store.h"
#include "json/QueryCodec.h"
#include "json/RequestJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace lockbox {

namespace {

QString sortNameList()
{
    return QueryCodec::sortNames().join(QLatin1Char('|'));
}

QString statusKeyList()
{
    QStringList keys;
    for (RequestStatus status : requestStatus::all())
        keys.append(requestStatus::key(status).toLower());
    return keys.join(QStringLiteral(", "));
}

// A status by its stable key ("cancelled") or by the name the table shows ("Withdrawn").
bool parseStatus(const QString& text, RequestStatus* status)
{
    if (requestStatus::fromKey(text, status))
        return true;
    for (RequestStatus candidate : requestStatus::all()) {
        if (requestStatus::displayName(candidate).compare(text, Qt::CaseInsensitive) == 0) {
            *status = candidate;
            return true;
        }
    }
    return false;
}

QCommandLineOption commentOption()
{
    return QCommandLineOption(QStringLiteral("comment"),
                              QCoreApplication::translate("lockbox::RequestCommands", "A comment for the audit log."),
                              QStringLiteral("TEXT"));
}

QCommandLineOption keyOption()
{
    return QCommandLineOption(
        QStringLiteral("key"),
        QCoreApplication::translate("lockbox::RequestCommands",
                                    "Sign the decision with your key in FILE (made by 'lockboxctl key create FILE'; "
                                    "default: $LOCKBOX_KEY). Decisions without a signature are refused."),
        QStringLiteral("FILE"));
}

QCommandLineOption reasonOption(const QString& description)
{
    return QCommandLineOption(QStringLiteral("reason"), description, QStringLiteral("TEXT"));
}

} // namespace

void RequestCommands::addTo(CommandCatalog& catalog)
{
    catalog.add(CommandSpec {
        {QStringLiteral("list")},
        {},
        QStringLiteral("[--status S[,S...]|all] [--search TEXT] [--sort %1] [--asc] [--limit N] [--cursor C]")
            .arg(sortNameList()),
        tr("List the tenant's requests, newest first, a page at a time; the next page's cursor goes to stderr."),
        {QCommandLineOption(QStringLiteral("status"),
                            tr("Only these statuses, comma-separated (%1), or all (the default).").arg(statusKeyList()),
                            QStringLiteral("S")),
         QCommandLineOption(QStringLiteral("search"),
                            tr("Only requests whose reference, ticket, reason, requester or scope contains TEXT."),
                            QStringLiteral("TEXT")),
         QCommandLineOption(
             QStringLiteral("sort"), tr("Sort by this column (default: created)."), QStringLiteral("KEY")),
         QCommandLineOption(QStringLiteral("asc"), tr("Sort ascending (default: descending).")),
         QCommandLineOption(QStringLiteral("limit"), tr("Requests per page (default: 50)."), QStringLiteral("N")),
         QCommandLineOption(
             QStringLiteral("cursor"), tr("Continue after the page that printed this cursor."), QStringLiteral("C"))},
        CommandSpec::Needs::Actor,
        {},
        &RequestCommands::list});
    catalog.add(CommandSpec {{QStringLiteral("show")},
                             {QStringLiteral("REF")},
                             {},
                             tr("Show every field of a request, its decisions and its history in the audit log."),
                             {},
                             CommandSpec::Needs::Actor,
                             {},
                             &RequestCommands::show});
    catalog.add(CommandSpec {{QStringLiteral("approve")},
                             {QStringLiteral("REF")},
                             QStringLiteral("[--comment TEXT] [--key FILE]"),
                             tr("Approve a pending request; the access window opens with the last approval needed."),
                             {commentOption(), keyOption()},
                             CommandSpec::Needs::Actor,
                             {},
                             &RequestCommands::approve,
                             true});
    catalog.add(
        CommandSpec {{QStringLiteral("deny")},
                     {QStringLiteral("REF")},
                     QStringLiteral("--reason TEXT [--key FILE]"),
                     tr("Deny a pending request."),
                     {reasonOption(tr("Why the request is denied (required; the engineer reads it).")), keyOption()},
                     CommandSpec::Needs::Actor,
                     {},
                     &RequestCommands::deny,
                     true});
    catalog.add(
        CommandSpec {{QStringLiteral("ask")},
                     {QStringLiteral("REF")},
                     QStringLiteral("--text QUESTION"),
                     tr("Ask the engineer a question on a pending request; it shows \"Information requested\" "
                        "until they answer. The expiry does not move."),
                     {QCommandLineOption(QStringLiteral("text"),
                                         tr("The question (at most %1 characters).").arg(Lifecycle::maxMessageLength),
                                         QStringLiteral("QUESTION"))},
                     CommandSpec::Needs::Actor,
                     {},
                     &RequestCommands::ask});
    catalog.add(CommandSpec {{QStringLiteral("revoke")},
                             {QStringLiteral("REF")},
                             QStringLiteral("[--comment TEXT] [--key FILE]"),
                             tr("Revoke an approved request: its access window closes now."),
                             {commentOption(), keyOption()},
                             CommandSpec::Needs::Actor,
                             {},
                             &RequestCommands::revoke,
                             true});
}

ExitCode RequestCommands::list(CommandContext& context, const CommandArguments& arguments)
{
    RequestQuery query;
    const QString statuses = arguments.value(QStringLiteral("status")).trimmed();
    if (!statuses.isEmpty() && statuses.compare(QLatin1String("all"), Qt::CaseInsensitive) != 0) {
        for (const QString& part : statuses.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            RequestStatus status;
            if (!parseStatus(part.trimmed(), &status))
                return context.usage(tr("--status takes all or statuses separated by commas (%1); \"%2\" is not one.")
                                         .arg(statusKeyList(), part.trimmed()));
            if (!query.statuses.contains(status))
                query.statuses.append(status);
        }
    }
    query.search = arguments.value(QStringLiteral("search"));
    if (arguments.isSet(QStringLiteral("sort"))) {
        const QString sort = arguments.value(QStringLiteral("sort")).trimmed().toLower();
        if (!QueryCodec::sortKey(sort, &query.sortKey))
            return context.usage(tr("--sort takes one of %1; \"%2\" is not one.").arg(sortNameList(), sort));
    }
    query.order = arguments.isSet(QStringLiteral("asc")) ? Qt::AscendingOrder : Qt::DescendingOrder;
    Result<int> limit = arguments.integer(QStringLiteral("limit"), query.limit);
    if (!limit)
        return context.usage(limit.error().message());
    query.limit = *limit;
    query.cursor = arguments.value(QStringLiteral("cursor")).trimmed();

    Store& store = context.store();
    Result<Page<AccessRequest>> page = store.listRequests(context.actor(), query).result();
    if (!page)
        return context.fail(page.error());

    if (context.json()) {
        context.printJson(QJsonObject {{QStringLiteral("requests"), RequestJson::toJson(page->items)},
                                       {QStringLiteral("nextCursor"), RequestJson::text(page->nextCursor)}});
        return ExitCode::Success;
    }
    if (page->items.isEmpty()) {
        context.out() << tr("No requests match.") << '\n';
    } else {
        // Operator staff see several tenants' requests, so for them the list says whose each is.
        const bool withTenant = !roles::isCustomerRole(context.actor().role);
        QStringList headers = {tr("Reference"),
                               tr("Requested (UTC)"),
                               tr("Status"),
                               tr("Workload"),
                               tr("Requester"),
                               tr("Duration"),
                               tr("Expires in"),
                               tr("Reason")};
        if (withTenant)
            headers.insert(1, tr("Tenant"));
        TablePrinter table(headers);
        const QDateTime now = context.now();
        for (const AccessRequest& request : std::as_const(page->items)) {
            QStringList row = {request.reference,
                               DisplayFormat::minute(request.created),
                               request.statusText(),
                               workloads::displayName(request.workload),
                               request.requester,
                               DisplayFormat::minutes(request.durationMinutes),
                               DisplayFormat::expiresIn(request, now),
                               request.reason};
            if (withTenant)
                row.insert(1, request.tenantId);
            table.addRow(row);
        }
        table.print(context.out());
    }
    context.out().flush();
    if (!page->nextCursor.isEmpty())
        context.progress(tr("More requests: run the same list again with --cursor %1").arg(page->nextCursor));
    return ExitCode::Success;
}

ExitCode RequestCommands::show(CommandContext& context, const CommandArguments& arguments)
{
    Store& store = context.store();
    Result<AccessRequest> found = store.request(context.actor(), arguments.positional(0)).result();
    if (!found)
        return context.fail(found.error());
    const AccessRequest& request = *found;

    // The request's own history. Only the customer's roles read the audit log: for anyone else the
    // store's refusal is shown in its place rather than failing the whole command.
    QList<AuditRecord> history;
    QString historyRefused;
    AuditQuery query;
    query.requestId = request.id;
    query.limit = AuditQuery::maxLimit;
    for (;;) {
        Result<Page<AuditRecord>> page = store.auditRecords(context.actor(), query).result();
        if (!page) {
            if (page.error().code() != Error::Code::PermissionDenied)
                return context.fail(page.error());
            historyRefused = page.error().message();
            break;
        }
        history.append(page->items);
        if (page->nextCursor.isEmpty())
            break;
        query.cursorSeq = page->nextCursor.toLongLong();
    }

    if (context.json()) {
        QJsonObject json = RequestJson::toJson(request, RequestJson::Decisions::Include);
        QJsonArray records;
        for (const AuditRecord& record : std::as_const(history))
            records.append(record.toJson());
        json.insert(QStringLiteral("history"), historyRefused.isEmpty() ? QJsonValue(records) : QJsonValue());
        context.printJson(json);
        return ExitCode::Success;
    }

    QTextStream& out = context.out();
    auto field = [&out](const QString& label, const QString& value) {
        out << label << ": " << value << '\n';
    };
    field(tr("Reference"), request.reference);
    field(tr("Id"), request.id);
    field(tr("Status"), request.statusText());
    field(tr("Tenant"), request.tenantId);
    field(tr("Workload"), workloads::displayName(request.workload));
    field(tr("Service request"), request.serviceRequest);
    field(tr("Requester"), request.requester);
    field(tr("Reason"), request.reason);
    field(tr("Scope"), request.scope);
    field(tr("Duration"), DisplayFormat::minutes(request.durationMinutes));
    field(tr("Created"), DisplayFormat::time(request.created));
    field(tr("Expires"), DisplayFormat::time(request.expires));
    field(tr("Expires in"), DisplayFormat::expiresIn(request, context.now()));
    field(tr("Approvals"), tr("%1 of %2").arg(request.approvalsCount).arg(request.approvalsRequired));
    field(tr("Manager"), DisplayFormat::orNone(request.manager));
    field(tr("Manager decided at"), DisplayFormat::time(request.managerDecidedAt));
    field(tr("Decided by"), DisplayFormat::orNone(request.decidedBy));
    field(tr("Decided at"), DisplayFormat::time(request.decidedAt));
    field(tr("Decision comment"), DisplayFormat::orNone(request.decisionComment));
    field(tr("Access from"), DisplayFormat::time(request.accessFrom));
    field(tr("Access until"), DisplayFormat::time(request.accessUntil));
    field(tr("Escalates at"), DisplayFormat::time(request.escalateAt));
    field(tr("Escalated at"), DisplayFormat::time(request.escalatedAt));

    out << '\n' << tr("Decisions") << '\n';
    if (request.decisions.isEmpty()) {
        out << "  " << DisplayFormat::none() << '\n';
    } else {
        TablePrinter decisions({tr("Time"), tr("Decision"), tr("By"), tr("Role"), tr("Comment")});
        decisions.setIndent(2);
        for (const Decision& decision : request.decisions)
            decisions.addRow({DisplayFormat::time(decision.at),
                              Decision::kindKey(decision.kind),
                              decision.actor,
                              roles::displayName(decision.actorRole),
                              DisplayFormat::orNone(decision.comment)});
        decisions.print(out);
    }

    out << '\n' << tr("History") << '\n';
    if (!historyRefused.isEmpty()) {
        out << "  " << historyRefused << '\n';
    } else {
        TablePrinter records({tr("Seq"), tr("Time"), tr("Operation"), tr("Actor"), tr("Role"), tr("Details")});
        records.setIndent(2);
        records.setRightAligned(0);
        for (const AuditRecord& record : std::as_const(history))
            records.addRow({QString::number(record.seq),
                            DisplayFormat::time(record.at),
                            record.operation,
                            record.actor,
                            roles::displayName(record.actorRole),
                            QString::fromUtf8(QJsonDocument(record.details).toJson(QJsonDocument::Compact))});
        records.print(out);
    }
    return ExitCode::Success;
}

ExitCode RequestCommands::perform(CommandContext& context,
                                  const QString& idOrReference,
                                  Action action,
                                  const QString& comment,
                                  const QString& keyFile)
{
    Store& store = context.store();
    DecisionSignature signature;
    if (!keyFile.isEmpty() && DecisionStatement::isSigned(action)) {
        Result<SigningKey> key = KeyFile::read(keyFile);
        if (!key)
            return context.fail(key.error());
        // The statement names the request's own fields, as the store holds them now.
        Result<AccessRequest> request = store.request(context.actor(), idOrReference.trimmed()).result();
        if (!request)
            return context.fail(request.error());
        signature = DecisionSignature::sign(
            *key, DecisionStatement::of(*request, action, context.actor().principal, context.now()));
    }
    Result<AccessRequest> done
        = store.perform(context.actor(), idOrReference.trimmed(), action, comment, signature).result();
    if (!done)
        return context.fail(done.error());
    if (context.json())
        context.printJson(RequestJson::toJson(*done, RequestJson::Decisions::Include));
    else
        printOutcome(context, *done);
    return ExitCode::Success;
}

void RequestCommands::printOutcome(CommandContext& context, const AccessRequest& request)
{
    QTextStream& out = context.out();
    out << tr("%1 is now %2.").arg(request.reference, request.statusText()) << '\n';
    if (request.approvalsCount > 0)
        out << tr("Approvals: %1 of %2").arg(request.approvalsCount).arg(request.approvalsRequired) << '\n';
    if (!request.manager.isEmpty())
        out << tr("Manager: %1 at %2").arg(request.manager, DisplayFormat::time(request.managerDecidedAt)) << '\n';
    if (!request.decidedBy.isEmpty())
        out << tr("Decided by: %1 at %2").arg(request.decidedBy, DisplayFormat::time(request.decidedAt)) << '\n';
    if (!request.decisionComment.isEmpty())
        out << tr("Comment: %1").arg(request.decisionComment) << '\n';
    if (request.accessFrom.isValid())
        out << tr("Access: from %1 until %2")
                   .arg(DisplayFormat::time(request.accessFrom), DisplayFormat::time(request.accessUntil))
            << '\n';
    const QString left = DisplayFormat::expiresIn(request, context.now());
    if (left != DisplayFormat::none())
        out << tr("Expires: %1 (in %2)").arg(DisplayFormat::time(request.expires), left) << '\n';
}

ExitCode RequestCommands::approve(CommandContext& context, const CommandArguments& arguments)
{
    return perform(context,
                   arguments.positional(0),
                   Action::Approve,
                   arguments.value(QStringLiteral("comment")),
                   context.options().keyFile);
}

ExitCode RequestCommands::deny(CommandContext& context, const CommandArguments& arguments)
{
    const QString reason = arguments.value(QStringLiteral("reason"));
    if (Lifecycle::reasonRequired(Action::Deny) && reason.trimmed().isEmpty())
        return context.usage(tr("deny needs --reason TEXT: the engineer is told why."));
    return perform(context, arguments.positional(0), Action::Deny, reason, context.options().keyFile);
}

ExitCode RequestCommands::ask(CommandContext& context, const CommandArguments& arguments)
{
    const QString text = arguments.value(QStringLiteral("text"));
    if (Lifecycle::reasonRequired(Action::Ask) && text.trimmed().isEmpty())
        return context.usage(tr("ask needs --text QUESTION: what the engineer should answer."));
    return perform(context, arguments.positional(0), Action::Ask, text);
}

ExitCode RequestCommands::revoke(CommandContext& context, const CommandArguments& arguments)
{
    return perform(context,
                   arguments.positional(0),
                   Action::Revoke,
                   arguments.value(QStringLiteral("comment")),
                   context.options().keyFile);
}

} // namespace lockbox
