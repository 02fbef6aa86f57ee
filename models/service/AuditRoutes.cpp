#include "AuditRoutes.h"

#include "ApiContinuation.h"
#include "ApiRouter.h"
#include "audit/AuditExporter.h"
#include "store/SqlStore.h"
#include "json/QueryCodec.h"
#include "json/RequestJson.h"
#include "json/ServiceJson.h"

#include <QJsonArray>

namespace lockbox {

namespace {

// Writes the export as HTTP/1.1 chunks, one page of records a chunk, so that a log of any size
// goes out without being held in memory. Ends with the empty chunk, or by closing the
// connection when the store fails half-way (so a client never takes a cut-off log for whole).
class AuditExportStream : public std::enable_shared_from_this<AuditExportStream>
{
public:
    AuditExportStream(SqlStore* store, ApiCall call, AuditQuery query)
        : m_store(store)
        , m_call(std::move(call))
        , m_query(std::move(query))
    { }

    void start()
    {
        m_socket = qobject_cast<QTcpSocket*>(m_call.context());
        m_responder = m_call.takeResponder();
        if (!m_socket || !m_responder)
            return;
        m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nCache-Control: no-store\r\n"
                        "Content-Disposition: attachment; filename=\"lockbox-audit.jsonl\"\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n");
        next();
    }

private:
    void next()
    {
        if (!m_socket)
            return;
        auto self = shared_from_this();
        m_store->auditRecords(m_call.session().actor, m_query)
            .then(m_socket.data(), [self](const Result<Page<AuditRecord>>& page) { self->write(page); });
    }

    void write(const Result<Page<AuditRecord>>& page)
    {
        if (!page) {
            m_socket->abort();
            return;
        }
        QByteArray chunk;
        for (const AuditRecord& record : page->items)
            chunk += AuditExporter::jsonLine(record);
        if (!chunk.isEmpty())
            m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
        if (page->nextCursor.isEmpty()) {
            m_socket->write("0\r\n\r\n");
            return;
        }
        m_query.cursorSeq = page->nextCursor.toLongLong();
        next();
    }

    SqlStore* m_store;
    ApiCall m_call;
    AuditQuery m_query;
    QPointer<QTcpSocket> m_socket;
    std::unique_ptr<QHttpServerResponder> m_responder;
};

} // namespace

void AuditRoutes::addTo(ApiRouter& router, SqlStore& store)
{
    SqlStore* s = &store;
    router.add(
        {QStringLiteral("GET"), QStringLiteral("/api/v1/audit"), ApiRoute::Access::Session, {}, [s](ApiCall call) {
             Result<AuditQuery> query = QueryCodec::auditQuery(call.query());
             if (!query) {
                 call.fail(ApiError::badRequest(QStringLiteral("bad_parameter"), query.error().message()));
                 return;
             }
             whenReady(call,
                       s->auditRecords(call.session().actor, *query),
                       [](ApiCall done, const Result<Page<AuditRecord>>& page) {
                           done.answer(page, [](const Page<AuditRecord>& records) {
                               QJsonArray items;
                               for (const AuditRecord& record : records.items)
                                   items.append(record.toJson());
                               return QJsonObject {
                                   {QStringLiteral("items"), items},
                                   {QStringLiteral("nextCursor"), RequestJson::text(records.nextCursor)}};
                           });
                       });
         }});
    router.add({QStringLiteral("GET"),
                QStringLiteral("/api/v1/audit/export"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    Result<AuditQuery> query = QueryCodec::auditQuery(call.query());
                    if (!query) {
                        call.fail(ApiError::badRequest(QStringLiteral("bad_parameter"), query.error().message()));
                        return;
                    }
                    AuditQuery wanted = *query;
                    wanted.limit = AuditQuery::maxLimit;
                    wanted.newestFirst = false;
                    // Permission first, with a proper error status, before the 200 head goes out.
                    AuditQuery probe = wanted;
                    probe.limit = 1;
                    whenReady(call,
                              s->auditRecords(call.session().actor, probe),
                              [s, wanted](ApiCall checked, const Result<Page<AuditRecord>>& first) {
                                  if (!first) {
                                      checked.fail(first.error());
                                      return;
                                  }
                                  std::make_shared<AuditExportStream>(s, checked, wanted)->start();
                              });
                }});
    router.add({QStringLiteral("GET"),
                QStringLiteral("/api/v1/audit/verify"),
                ApiRoute::Access::Session,
                {},
                [s](ApiCall call) {
                    whenReady(call,
                              s->verifyAudit(call.session().actor),
                              [](ApiCall done, const Result<AuditVerification>& verified) {
                                  done.answer(verified,
                                              [](const AuditVerification& v) { return ServiceJson::toJson(v); });
                              });
                }});
}

} // namespace lockbox
