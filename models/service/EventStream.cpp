#include "EventStream.h"

#include "audit/AuditOperation.h"
#include "core/Guarded.h"
#include "store/SqlStore.h"

#include <QCoreApplication>
#include <QHttpServerResponder>
#include <QJsonDocument>

namespace lockbox {

struct EventStream::Subscriber
{
    QPointer<QTcpSocket> socket;
    std::unique_ptr<QHttpServerResponder> responder; // kept so that the connection stays ours
    Actor actor;
    qint64 lastSentSeq = 0;
};

EventStream::EventStream(SqlStore& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_log(store, pollMilliseconds)
{
    connect(&m_log, &AuditFollower::appended, this, &EventStream::deliver);
    m_heartbeatTimer.setInterval(heartbeatSeconds * 1000);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &EventStream::heartbeat);
}

EventStream::~EventStream() = default;

void EventStream::start()
{
    m_log.start();
    m_heartbeatTimer.start();
}

QString EventStream::eventName(const QString& operation)
{
    using namespace AuditOperation;
    if (operation == RequestFiled)
        return QStringLiteral("request.filed");
    if (operation == ManagerApproved)
        return QStringLiteral("request.pending");
    if (operation == ApprovalRecorded || operation == AccessWindowStarted || operation == QuestionAsked
        || operation == QuestionAnswered || operation == RequestEscalated)
        return QStringLiteral("request.updated");
    if (operation == RequestApproved || operation == RequestAutoApproved || operation == RequestDenied)
        return QStringLiteral("request.decided");
    if (operation == RequestExpired)
        return QStringLiteral("request.expired");
    if (operation == ManagerRejected || operation == RequestWithdrawn || operation == AccessWindowEnded
        || operation == AccessRevoked)
        return QStringLiteral("request.closed");
    if (operation == SettingChanged)
        return QStringLiteral("settings.changed");
    if (operation == RoleAssigned || operation == RoleRemoved)
        return QStringLiteral("roles.changed");
    return {};
}

void EventStream::subscribe(ApiCall call)
{
    auto subscriber = std::make_unique<Subscriber>();
    subscriber->actor = call.session().actor;
    subscriber->socket = qobject_cast<QTcpSocket*>(call.context());
    bool resume = false;
    const qint64 lastEventId = call.header("Last-Event-ID").trimmed().toLongLong(&resume);
    subscriber->responder = call.takeResponder();
    if (!subscriber->responder || !subscriber->socket)
        return;
    // The head of a response that never ends: events follow as the log grows.
    subscriber->socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
                              "Connection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\n"
                              "retry: 2000\n\n");
    subscriber->lastSentSeq = resume && lastEventId >= 0 ? lastEventId : std::max<qint64>(m_log.lastSeq(), 0);
    Subscriber* raw = subscriber.get();
    connect(raw->socket, &QTcpSocket::disconnected, this, &EventStream::prune);
    m_subscribers.push_back(std::move(subscriber));
    if (resume && lastEventId >= 0 && (m_log.lastSeq() < 0 || lastEventId < m_log.lastSeq())) {
        // Catch up on what this client missed while away (a bounded backlog).
        QPointer<QTcpSocket> socket = raw->socket;
        m_store.auditTail(lastEventId, 1000)
            .then(QCoreApplication::instance(),
                  guarded(this, [this, socket](const Result<QList<AuditRecord>>& records) {
                      if (!records || !socket)
                          return;
                      for (auto& listener : m_subscribers) {
                          if (listener->socket != socket)
                              continue;
                          for (const AuditRecord& record : records.value())
                              send(*listener, record);
                      }
                  }));
    }
}

bool EventStream::mayHear(const Subscriber& subscriber, const AuditRecord& record)
{
    if (subscriber.actor.role == Role::SupportManager)
        return !record.requestId.isEmpty();
    if (!roles::isCustomerRole(subscriber.actor.role))
        return false;
    return record.tenantId == subscriber.actor.tenantId;
}

void EventStream::send(Subscriber& subscriber, const AuditRecord& record)
{
    if (!subscriber.socket || record.seq <= subscriber.lastSentSeq)
        return;
    subscriber.lastSentSeq = record.seq;
    const QString name = eventName(record.operation);
    if (name.isEmpty() || !mayHear(subscriber, record))
        return;
    const QJsonObject data {{QStringLiteral("seq"), record.seq},
                            {QStringLiteral("tenant"), record.tenantId},
                            {QStringLiteral("requestId"), record.requestId},
                            {QStringLiteral("operation"), record.operation},
                            {QStringLiteral("actor"), record.actor},
                            {QStringLiteral("at"), AuditRecord::formatTime(record.at)}};
    subscriber.socket->write("id: " + QByteArray::number(record.seq) + "\nevent: " + name.toUtf8()
                             + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n");
}

void EventStream::deliver(const QList<AuditRecord>& records)
{
    prune();
    for (auto& subscriber : m_subscribers) {
        for (const AuditRecord& record : records)
            send(*subscriber, record);
    }
}

void EventStream::heartbeat()
{
    prune();
    for (auto& subscriber : m_subscribers)
        subscriber->socket->write(": keep-alive\n\n");
}

void EventStream::prune()
{
    std::erase_if(m_subscribers, [](const std::unique_ptr<Subscriber>& subscriber) {
        return !subscriber->socket || subscriber->socket->state() != QAbstractSocket::ConnectedState;
    });
}

} // namespace lockbox
