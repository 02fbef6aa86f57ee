#include "KeyCommands.h"

#include "CommandArguments.h"
#include "CommandCatalog.h"
#include "CommandContext.h"
#include "DisplayFormat.h"
#include "TablePrinter.h"
#include "signing/DecisionSignature.h"
#include "signing/KeyFile.h"
#include "store/Store.h"
#include "json/RequestJson.h"
#include "json/TenantJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lockbox {

void KeyCommands::addTo(CommandCatalog& catalog)
{
    catalog.add(CommandSpec {{QStringLiteral("key"), QStringLiteral("create")},
                             {QStringLiteral("FILE")},
                             {},
                             tr("Make your signing key: its secret half goes into the new FILE (only you may read "
                                "it), its public half is registered with the store."),
                             {},
                             CommandSpec::Needs::Actor,
                             {},
                             &KeyCommands::create,
                             true});
    catalog.add(CommandSpec {{QStringLiteral("key"), QStringLiteral("list")},
                             {},
                             {},
                             tr("The tenant's registered signing keys and their fingerprints."),
                             {},
                             CommandSpec::Needs::Actor,
                             {},
                             &KeyCommands::list});
    catalog.add(CommandSpec {
        {QStringLiteral("key"), QStringLiteral("sign")},
        {},
        QStringLiteral("--key FILE --action approve|deny|revoke --ids FILE|-"),
        tr("For scripts that call the service's API: print, as JSON lines, your signature of the decision on each "
           "request listed (one id or reference a line) in the ids FILE, for the body's \"signature\" field."),
        {QCommandLineOption(QStringLiteral("key"),
                            tr("Your key file (made by 'key create'; default: $LOCKBOX_KEY)."),
                            QStringLiteral("FILE")),
         QCommandLineOption(QStringLiteral("action"), tr("approve, deny or revoke."), QStringLiteral("ACTION")),
         QCommandLineOption(QStringLiteral("ids"),
                            tr("The requests, one id or reference a line; - reads them from standard input."),
                            QStringLiteral("FILE"))},
        CommandSpec::Needs::Actor,
        {},
        &KeyCommands::sign});
}

ExitCode KeyCommands::sign(CommandContext& context, const CommandArguments& arguments)
{
    Action action = Action::Approve;
    if (!actions::fromKey(arguments.value(QStringLiteral("action")), &action) || !DecisionStatement::isSigned(action))
        return context.usage(tr("key sign needs --action approve, deny or revoke."));
    if (context.options().keyFile.isEmpty())
        return context.usage(tr("key sign needs --key FILE (or LOCKBOX_KEY): the key to sign with."));
    Result<SigningKey> key = KeyFile::read(context.options().keyFile);
    if (!key)
        return context.fail(key.error());
    // "-" (or a pipe such as /dev/stdin) is read to its end: atEnd() says nothing about a pipe.
    const QString idsPath = arguments.value(QStringLiteral("ids"));
    if (idsPath.isEmpty())
        return context.usage(
            tr("key sign needs --ids FILE (or - for standard input), a request id or reference a line."));
    QFile ids(idsPath);
    const bool opened = idsPath == QLatin1String("-") ? ids.open(stdin, QIODevice::ReadOnly | QIODevice::Text)
                                                      : ids.open(QIODevice::ReadOnly | QIODevice::Text);
    if (!opened)
        return context.usage(tr("key sign cannot read the ids in %1: %2").arg(idsPath, ids.errorString()));
    for (QByteArray line = ids.readLine(); !line.isEmpty(); line = ids.readLine()) {
        const QString id = QString::fromUtf8(line).trimmed();
        if (id.isEmpty())
            continue;
        Result<AccessRequest> request = context.store().request(context.actor(), id).result();
        if (!request)
            return context.fail(request.error());
        const DecisionSignature signature = DecisionSignature::sign(
            *key, DecisionStatement::of(*request, action, context.actor().principal, context.now()));
        context.out() << QJsonDocument(QJsonObject {{QStringLiteral("id"), request->id},
                                                    {QStringLiteral("signature"), RequestJson::toJson(signature)}})
                             .toJson(QJsonDocument::Compact)
                      << '\n';
    }
    return ExitCode::Success;
}

ExitCode KeyCommands::create(CommandContext& context, const CommandArguments& arguments)
{
    const QString path = arguments.positional(0);
    Result<SigningKey> key = SigningKey::generate();
    if (!key)
        return context.fail(key.error());
    if (Status written = KeyFile::write(path, *key); !written)
        return context.fail(written.error());
    Result<RegisteredKey> registered = context.store().registerSigningKey(context.actor(), key->publicKey()).result();
    if (!registered) {
        // A key the store does not know is of no use: do not leave it behind.
        QFile::remove(path);
        return context.fail(registered.error());
    }
    if (context.json()) {
        context.printJson(TenantJson::toJson(*registered));
        return ExitCode::Success;
    }
    context.out() << tr("Signing key of %1 in %2 (only you can read it).").arg(registered->principal, path) << '\n'
                  << tr("Registered with fingerprint %1.").arg(registered->fingerprint) << '\n';
    return ExitCode::Success;
}

ExitCode KeyCommands::list(CommandContext& context, const CommandArguments&)
{
    Result<QList<RegisteredKey>> keys = context.store().signingKeys(context.actor()).result();
    if (!keys)
        return context.fail(keys.error());
    if (context.json()) {
        QJsonArray items;
        for (const RegisteredKey& key : std::as_const(*keys))
            items.append(TenantJson::toJson(key));
        context.printJson(QJsonObject {{QStringLiteral("items"), items}});
        return ExitCode::Success;
    }
    // Through a service that endorses keys, one it did not register shows as "no": someone added
    // it to the database outside Lockbox, and decisions signed with it do not count.
    TablePrinter table({tr("Principal"), tr("Fingerprint"), tr("Registered at (UTC)"), tr("Trusted")});
    for (const RegisteredKey& key : std::as_const(*keys))
        table.addRow({key.principal,
                      key.fingerprint,
                      DisplayFormat::minute(key.registeredAt),
                      key.trusted ? tr("yes") : tr("no (not registered through Lockbox)")});
    table.print(context.out());
    return ExitCode::Success;
}

} // namespace lockbox
