#include "TestAuditChain.h"

#include "audit/AuditChainVerifier.h"
#include "audit/AuditExporter.h"
#include "audit/AuditOperation.h"
#include "support/RawDatabase.h"
#include "support/ResultAsserts.h"
#include "support/StoreFixture.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace lockbox;

namespace {

// A store with some history: a request approved, one denied, one expired, a setting changed.
bool makeHistory(StoreFixture& f, QString* problem)
{
    if (!f.setUp(problem))
        return false;
    const QString approved = f.pending();
    const QString denied = f.pending();
    const QString expired = f.pending();
    if (approved.isEmpty() || denied.isEmpty() || expired.isEmpty()) {
        *problem = QStringLiteral("could not file requests");
        return false;
    }
    if (!f.approve(StoreFixture::lidia(), approved).result()
        || !f.deny(StoreFixture::megan(), denied, QStringLiteral("Scope, \"too\" broad")).result()) {
        *problem = QStringLiteral("could not decide");
        return false;
    }
    f.clock().advanceSeconds(13 * 3600);
    return f.store().applyDueTransitions().result().isOk();
}

AuditVerification verifyOnDisk(StoreFixture& f, QString* problem)
{
    f.closeStore();
    if (!f.reopenStore(problem))
        return {};
    Result<AuditVerification> verified = f.store().verifyAudit(StoreFixture::megan()).result();
    if (!verified) {
        *problem = verified.error().message();
        return {};
    }
    return *verified;
}

QByteArray exportAll(Store& store, const Actor& actor, AuditExporter::Format format, Result<qint64>* written)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    *written = AuditExporter::write(buffer, format, [&](qint64 afterSeq) -> Result<QList<AuditRecord>> {
        AuditQuery query;
        query.cursorSeq = afterSeq;
        query.limit = 7; // several pages
        Result<Page<AuditRecord>> page = store.auditRecords(actor, query).result();
        if (!page)
            return page.error();
        return page->items;
    });
    return buffer.data();
}

} // namespace

#define HISTORY(name)                                                                                                  \
    StoreFixture name;                                                                                                 \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(makeHistory(name, &problem_), qPrintable(problem_));                                                  \
    } while (false)

void TestAuditChain::activityLeavesAnIntactChain()
{
    HISTORY(f);
    QString problem;
    AuditVerification result = verifyOnDisk(f, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(result.intact, qPrintable(result.summary()));
    // Megan's verify covers her tenant's chain, from its first record to its last.
    const QString contoso = QStringLiteral("tenant_id = 'contoso.onmicrosoft.com'");
    const qint64 count
        = RawDatabase::value(f.path(), QStringLiteral("SELECT COUNT(*) FROM audit WHERE %1").arg(contoso)).toLongLong();
    QVERIFY(count > 15);
    QCOMPARE(result.recordCount, count);
    QCOMPARE(result.lastHash,
             RawDatabase::value(
                 f.path(), QStringLiteral("SELECT hash FROM audit WHERE %1 ORDER BY seq DESC LIMIT 1").arg(contoso))
                 .toString());
    QVERIFY(result.summary().contains(QString::number(count)));
}

void TestAuditChain::editedRecordIsNamed()
{
    HISTORY(f);
    f.closeStore();
    const qint64 before = RawDatabase::value(f.path(),
                                             QStringLiteral("SELECT COUNT(*) FROM audit WHERE seq < 12 AND "
                                                            "tenant_id = 'contoso.onmicrosoft.com'"))
                              .toLongLong();
    QVERIFY(RawDatabase::exec(f.path(),
                              {QStringLiteral("UPDATE audit SET actor = 'someone.else@contoso.com' WHERE seq = 12")}));
    QString problem;
    AuditVerification result = verifyOnDisk(f, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 12);
    QVERIFY2(result.problem.contains(QStringLiteral("changed")), qPrintable(result.problem));
    QCOMPARE(result.recordCount, before); // the tenant's records up to the edited one
}

void TestAuditChain::deletedRecordIsNamed()
{
    HISTORY(f);
    f.closeStore();
    QVERIFY(RawDatabase::exec(f.path(), {QStringLiteral("DELETE FROM audit WHERE seq = 9")}));
    // Noticed at the tenant's next record, which names the missing one.
    const qint64 next = RawDatabase::value(f.path(),
                                           QStringLiteral("SELECT MIN(seq) FROM audit WHERE seq > 9 AND "
                                                          "tenant_id = 'contoso.onmicrosoft.com'"))
                            .toLongLong();
    QString problem;
    AuditVerification result = verifyOnDisk(f, &problem);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, next);
    QVERIFY2(result.problem.contains(QStringLiteral("missing")), qPrintable(result.problem));
}

void TestAuditChain::reorderedRecordsAreNamed()
{
    HISTORY(f);
    f.closeStore();
    // Swap records 7 and 8 by renumbering them.
    QVERIFY(RawDatabase::exec(f.path(),
                              {QStringLiteral("UPDATE audit SET seq = -1 WHERE seq = 7"),
                               QStringLiteral("UPDATE audit SET seq = 7 WHERE seq = 8"),
                               QStringLiteral("UPDATE audit SET seq = 8 WHERE seq = -1")}));
    QString problem;
    AuditVerification result = verifyOnDisk(f, &problem);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 7);
}

void TestAuditChain::relinkedEditIsNamedAtTheNextRecord()
{
    HISTORY(f);
    // An editor who also recomputes the edited record's own hash still breaks the next link.
    AuditQuery query;
    query.cursorSeq = 9;
    query.limit = 1;
    Result<Page<AuditRecord>> page = f.store().auditRecords(StoreFixture::megan(), query).result();
    LOCKBOX_VERIFY_OK(page);
    QCOMPARE(page->items.size(), 1);
    AuditRecord forged = page->items.first();
    f.closeStore();
    forged.details.insert(QStringLiteral("comment"), QStringLiteral("forged"));
    forged.hash = forged.computeHash();
    QVERIFY(RawDatabase::exec(
        f.path(),
        {QStringLiteral("UPDATE audit SET details = '%1', hash = '%2' WHERE seq = 10")
             .arg(QString::fromUtf8(QJsonDocument(forged.details).toJson(QJsonDocument::Compact)), forged.hash)}));
    QString problem;
    AuditVerification result = verifyOnDisk(f, &problem);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 11);
    QVERIFY2(result.problem.contains(QStringLiteral("record 10")), qPrintable(result.problem));
}

void TestAuditChain::tamperingWithTheSqlite3CommandLineIsCaught()
{
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    QVERIFY2(!sqlite3.isEmpty(), "the sqlite3 command line is required (Debian package sqlite3)");
    HISTORY(f);
    f.closeStore();
    QProcess process;
    process.start(sqlite3,
                  {f.path(),
                   QStringLiteral("UPDATE audit SET details = replace(details, 'Scope', 'Scop') "
                                  "WHERE operation = 'RequestDenied';")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const qint64 edited
        = RawDatabase::value(f.path(), QStringLiteral("SELECT seq FROM audit WHERE operation = 'RequestDenied'"))
              .toLongLong();
    QVERIFY(edited > 0);
    QString problem;
    AuditVerification result = verifyOnDisk(f, &problem);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, edited);
}

void TestAuditChain::jsonLinesExportHasStableFieldsAndVerifiesOffline()
{
    HISTORY(f);
    Result<qint64> written;
    const QByteArray bytes = exportAll(f.store(), StoreFixture::megan(), AuditExporter::Format::JsonLines, &written);
    LOCKBOX_VERIFY_OK(written);
    const QList<QByteArray> lines = bytes.trimmed().split('\n');
    QCOMPARE(lines.size(), *written);
    AuditChainVerifier verifier;
    for (const QByteArray& line : lines) {
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json.keys(),
                 (QStringList {QStringLiteral("actor"),
                               QStringLiteral("actorRole"),
                               QStringLiteral("details"),
                               QStringLiteral("hash"),
                               QStringLiteral("operation"),
                               QStringLiteral("prevHash"),
                               QStringLiteral("requestId"),
                               QStringLiteral("seq"),
                               QStringLiteral("tenant"),
                               QStringLiteral("tenantSeq"),
                               QStringLiteral("time")}));
        AuditRecord record;
        QString problem;
        QVERIFY2(AuditRecord::fromJson(json, &record, &problem), qPrintable(problem));
        verifier.add(record);
    }
    QVERIFY2(verifier.result().intact, qPrintable(verifier.result().summary()));
    QCOMPARE(verifier.result().recordCount, *written);
}

void TestAuditChain::csvExportQuotesFields()
{
    HISTORY(f);
    Result<qint64> written;
    const QByteArray bytes = exportAll(f.store(), StoreFixture::megan(), AuditExporter::Format::Csv, &written);
    LOCKBOX_VERIFY_OK(written);
    QVERIFY(
        bytes.startsWith("seq,tenantSeq,time,actor,actorRole,tenant,operation,requestId,details,prevHash,hash\r\n"));
    QCOMPARE(bytes.count("\r\n"), *written + 1);
    // The deny reason has a comma and quotes: the details field is quoted with doubled quotes.
    QVERIFY2(bytes.contains("\"{\"\"comment\"\":\"\"Scope, \\\"\"too\\\"\" broad\"\""), bytes.constData());
}

void TestAuditChain::exportCanBeCancelled()
{
    HISTORY(f);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    int pages = 0;
    Result<qint64> written = AuditExporter::write(
        buffer,
        AuditExporter::Format::JsonLines,
        [&](qint64 afterSeq) -> Result<QList<AuditRecord>> {
            AuditQuery query;
            query.cursorSeq = afterSeq;
            query.limit = 5;
            return f.store().auditRecords(StoreFixture::megan(), query).result()->items;
        },
        [&](qint64) { return ++pages < 2; });
    LOCKBOX_COMPARE_ERROR(written, Error::Code::InvalidState);
    QVERIFY(written.error().message().contains(QStringLiteral("cancelled")));
    QCOMPARE(pages, 2);
}

void TestAuditChain::readersSeeOnlyTheirTenantsRecords()
{
    HISTORY(f);
    AuditQuery query;
    query.limit = 1000;
    Result<Page<AuditRecord>> page = f.store().auditRecords(StoreFixture::adele(), query).result();
    LOCKBOX_VERIFY_OK(page);
    QVERIFY(!page->items.isEmpty());
    for (const AuditRecord& record : page->items)
        QCOMPARE(record.tenantId, StoreFixture::contoso);
    LOCKBOX_COMPARE_ERROR(f.store().auditRecords(StoreFixture::engineer(), query).result(),
                          Error::Code::PermissionDenied);
}
