#include "MailNotifier.h"

#include "audit/AuditOperation.h"
#include "core/Guarded.h"
#include "lifecycle/Lifecycle.h"
#include "store/SqlStore.h"

#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

namespace lockbox {

namespace {

Q_LOGGING_CATEGORY(lcMail, "lockboxd.mail")

QString minutesText(qint64 minutes)
{
    return minutes == 1 ? MailNotifier::tr("1 minute") : MailNotifier::tr("%1 minutes").arg(minutes);
}

// "1 hour 30 minutes", "2 hours", "45 minutes".
QString duration(int minutes)
{
    const int hours = minutes / 60;
    const int rest = minutes % 60;
    QStringList parts;
    if (hours > 0)
        parts << (hours == 1 ? MailNotifier::tr("1 hour") : MailNotifier::tr("%1 hours").arg(hours));
    if (rest > 0 || hours == 0)
        parts << minutesText(rest);
    return parts.join(QLatin1Char(' '));
}

// Prose wrapped at 72 characters, as plain-text mail is read.
QStringList wrapped(const QString& text)
{
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > 72) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

// A free-text field on one line of the mail, whatever the engineer typed.
QString oneLine(const QString& text)
{
    return text.simplified();
}

} // namespace

MailNotifier::MailNotifier(SqlStore& store,
                           std::shared_ptr<const Clock> clock,
                           SmtpMailer::Settings settings,
                           QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
    , m_settings(std::move(settings))
    , m_log(store, m_timing.pollMilliseconds)
{
    m_senders.setMaxThreadCount(1);
    // What happened before lockboxd started is not mailed: the log is followed from where it stands.
    connect(&m_log, &AuditFollower::started, this, &MailNotifier::started);
    connect(&m_log, &AuditFollower::appended, this, &MailNotifier::noticeAppended);
    connect(&m_expiryTimer, &QTimer::timeout, this, &MailNotifier::checkExpiring);
    setTiming(m_timing);
}

MailNotifier::~MailNotifier()
{
    m_cancel->store(true);
    m_log.stop();
    m_expiryTimer.stop();
    m_senders.waitForDone();
}

void MailNotifier::setTiming(const Timing& timing)
{
    m_timing = timing;
    m_log.setInterval(m_timing.pollMilliseconds);
    m_expiryTimer.setInterval(m_timing.expiryCheckMilliseconds);
}

void MailNotifier::start()
{
    m_log.start();
    m_expiryTimer.start();
    checkExpiring();
}

void MailNotifier::noticeAppended(const QList<AuditRecord>& records)
{
    for (const AuditRecord& record : records) {
        // The manager's approval puts a request before the customer, unless the
        // tenant does not require approval: then Lockbox approved it at once. An
        // escalation puts it before the backup approvers.
        const bool awaiting = record.operation == AuditOperation::ManagerApproved
            && record.details.value(QStringLiteral("requireApproval")).toBool(true);
        const bool escalated = record.operation == AuditOperation::RequestEscalated;
        if (!awaiting && !escalated)
            continue;
        const QString reference = record.details.value(QStringLiteral("reference")).toString();
        m_store
            .claimApprovalNotice(record.requestId,
                                 escalated ? ApproverNotice::Kind::Escalated : ApproverNotice::Kind::AwaitingApproval)
            .then(QCoreApplication::instance(),
                  guarded(this, [this, reference, escalated](const Result<std::optional<ApproverNotice>>& notice) {
                      if (!notice)
                          qCWarning(lcMail).noquote()
                              << (escalated ? tr("Could not tell the backup approvers that request %1 was escalated "
                                                 "to them: %2")
                                            : tr("Could not tell the approvers that request %1 awaits them: %2"))
                                     .arg(reference, notice.error().message());
                      else if (notice->has_value())
                          notify(**notice);
                  }));
    }
}

void MailNotifier::checkExpiring()
{
    if (m_checking)
        return;
    m_checking = true;
    m_store.claimExpiryWarnings(warningLeadSeconds)
        .then(QCoreApplication::instance(), guarded(this, [this](const Result<QList<ApproverNotice>>& notices) {
                  m_checking = false;
                  if (!notices) {
                      qCWarning(lcMail).noquote() << tr("Could not look for requests that expire within the hour: %1")
                                                         .arg(notices.error().message());
                      emit expiryCheckFinished(0);
                      return;
                  }
                  for (const ApproverNotice& notice : *notices)
                      notify(notice);
                  emit expiryCheckFinished(int(notices->size()));
              }));
}

void MailNotifier::notify(const ApproverNotice& notice)
{
    ApproverNotice addressed = notice;
    addressed.recipients.clear();
    for (const QString& principal : notice.recipients) {
        if (MailMessage::isAddress(principal))
            addressed.recipients << principal;
        else
            qCWarning(lcMail).noquote() << tr("Not mailing %1 about request %2: the sign-in name is not an e-mail "
                                              "address.")
                                               .arg(principal, notice.request.reference);
    }
    if (addressed.recipients.isEmpty())
        return;
    send(Delivery {notice.request.reference, compose(addressed, m_settings.from, m_clock->now()), 0});
}

void MailNotifier::send(const Delivery& delivery)
{
    const SmtpMailer mailer(m_settings);
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;
    QtConcurrent::run(&m_senders, [mailer, message = delivery.message, cancel] {
        return mailer.send(message, cancel.get());
    }).then(QCoreApplication::instance(), guarded(this, [this, delivery](const Status& status) {
                sent(delivery, status);
            }));
}

void MailNotifier::sent(const Delivery& delivery, const Status& status)
{
    if (status) {
        qCInfo(lcMail).noquote() << tr("Mailed the approvers (%1) about request %2.")
                                        .arg(delivery.message.to.size())
                                        .arg(delivery.reference);
        emit delivered(delivery.reference, delivery.message.to);
        return;
    }
    // Only a failure that may pass (unreachable, timed out, "try later") is worth another try.
    const bool retrying = status.error().code() == Error::Code::Unavailable && !m_cancel->load()
        && delivery.attempt < m_timing.retryDelaysMilliseconds.size();
    const int delay = retrying ? m_timing.retryDelaysMilliseconds.at(delivery.attempt) : 0;
    qCWarning(lcMail).noquote() << tr("Mail about request %1 failed (attempt %2): %3 %4")
                                       .arg(delivery.reference)
                                       .arg(delivery.attempt + 1)
                                       .arg(status.error().message(),
                                            retrying ? tr("Trying again in %1 s.").arg((delay + 999) / 1000)
                                                     : tr("Giving up on it."));
    emit deliveryFailed(delivery.reference, status.error().message(), retrying);
    if (!retrying)
        return;
    Delivery next = delivery;
    ++next.attempt;
    QTimer::singleShot(delay, this, [this, next] { send(next); });
}

MailMessage MailNotifier::compose(const ApproverNotice& notice, const QString& from, const QDateTime& now)
{
    const AccessRequest& request = notice.request;
    const QString expires = Lifecycle::formatTime(request.expires);
    MailMessage message;
    message.fromName = QStringLiteral("Lockbox");
    message.from = from;
    message.to = notice.recipients;
    message.date = now;
    message.messageId = MailMessage::newMessageId(from);

    QStringList lines;
    if (notice.kind == ApproverNotice::Kind::AwaitingApproval) {
        message.subject = tr("Lockbox: data access request %1 awaits your approval").arg(request.reference);
        lines << wrapped(tr("An engineer of your cloud operator asks for access to your organisation's content. "
                            "Their support manager has approved the request; it now awaits a decision by your "
                            "organisation."));
    } else if (notice.kind == ApproverNotice::Kind::Escalated) {
        message.subject = tr("Lockbox: data access request %1 was escalated to you").arg(request.reference);
        lines << wrapped(tr("Data access request %1 is still undecided and expires at %2. Your organisation named you "
                            "a backup approver: please decide on it before it lapses.")
                             .arg(request.reference, expires));
    } else {
        const qint64 minutesLeft = std::max<qint64>(1, (now.secsTo(request.expires) + 59) / 60);
        message.subject = tr("Lockbox: data access request %1 expires in under an hour").arg(request.reference);
        lines << wrapped(tr("Data access request %1 is still undecided and expires at %2, in %3. If nobody "
                            "decides by then, it lapses and grants nothing.")
                             .arg(request.reference, expires, minutesText(minutesLeft)));
    }
    lines << QString();
    lines << tr("Reference:       %1").arg(request.reference);
    lines << tr("Organisation:    %1").arg(request.tenantId);
    lines << tr("Workload:        %1").arg(workloads::displayName(request.workload));
    lines << tr("Requested by:    %1").arg(request.requester);
    lines << tr("Support ticket:  %1").arg(oneLine(request.serviceRequest));
    lines << tr("Reason:          %1").arg(oneLine(request.reason));
    lines << tr("Scope:           %1").arg(oneLine(request.scope));
    lines << tr("Duration:        %1 of access from the moment it is approved").arg(duration(request.durationMinutes));
    lines << tr("Expires:         %1 if undecided").arg(expires);
    if (request.approvalsRequired > 1)
        lines << tr("Approvals:       %1 of %2 different approvers so far")
                     .arg(request.approvalsCount)
                     .arg(request.approvalsRequired);
    lines << QString();
    lines << wrapped(tr("To approve or deny it, open the Lockbox Admin Center (Customer Lockbox requests), or run:"));
    lines << QStringLiteral("    lockboxctl approve %1").arg(request.reference);
    lines << QStringLiteral("    lockboxctl deny %1 --reason \"...\"").arg(request.reference);
    lines << QString();
    lines << wrapped(tr("Approving gives %1 access to the scope above for %2. Nothing is granted without a decision.")
                         .arg(request.requester, duration(request.durationMinutes)));
    lines << QString();
    lines << QStringLiteral("-- ");
    lines << wrapped(
        tr("Sent by Lockbox to the Global administrators and Lockbox access approvers of %1.").arg(request.tenantId));
    lines << tr("Request id: %1").arg(request.id);
    message.body = lines.join(QLatin1Char('\n'));
    return message;
}

} // namespace lockbox
