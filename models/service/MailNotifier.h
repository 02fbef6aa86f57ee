#pragma once

#include "AuditFollower.h"
#include "MailMessage.h"
#include "SmtpMailer.h"
#include "core/Clock.h"
#include "lifecycle/Lifecycle.h"
#include "store/ApproverNotice.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <memory>

namespace lockbox {

class SqlStore;

// lockboxd's e-mail to each tenant's approvers (its Global administrators and Lockbox access
// approvers) on two events: a request now awaits their approval (the manager approved it
// internally and the tenant requires approval), and a request still undecided expires within the
// hour. It follows the audit log as the event stream does, from where the log stands when it
// starts (nothing older is mailed), and looks for expiring requests at start and every minute.
// Each notice is taken on through the store, which writes its audit record (ApprovalNoticeSent,
// ExpiryWarningSent): so it goes out once, whichever lockboxd on the database sees it first and
// across restarts. Mail is sent on a thread of its own, never holding up the service; a failed
// send is logged on stderr and tried again a few times, later each time.
class MailNotifier : public QObject
{
    Q_OBJECT

public:
    struct Timing
    {
        int pollMilliseconds = 1000; // how often the audit log is read
        int expiryCheckMilliseconds = 60 * 1000;
        QList<int> retryDelaysMilliseconds {30 * 1000, 2 * 60 * 1000, 10 * 60 * 1000};
    };
    static constexpr qint64 warningLeadSeconds = Lifecycle::expiryWarningSeconds;

    MailNotifier(SqlStore& store,
                 std::shared_ptr<const Clock> clock,
                 SmtpMailer::Settings settings,
                 QObject* parent = nullptr);
    // Stops a send under way and waits for it to end.
    ~MailNotifier() override;

    void setTiming(const Timing& timing);
    void start();

    // The e-mail for a notice, `now` being the time it is sent.
    static MailMessage compose(const ApproverNotice& notice, const QString& from, const QDateTime& now);

signals:
    // It knows where the audit log stood at start: what is appended from now on is mailed.
    void started();
    // The mail server accepted the mail about request `reference`.
    void delivered(const QString& reference, const QStringList& recipients);
    // It did not; `retrying` when another attempt follows.
    void deliveryFailed(const QString& reference, const QString& reason, bool retrying);
    // A look for expiring requests ended; `warned` notices were taken on.
    void expiryCheckFinished(int warned);

private:
    struct Delivery
    {
        QString reference;
        MailMessage message;
        int attempt = 0;
    };

    void noticeAppended(const QList<AuditRecord>& records);
    void checkExpiring();
    void notify(const ApproverNotice& notice);
    void send(const Delivery& delivery);
    void sent(const Delivery& delivery, const Status& status);

    SqlStore& m_store;
    std::shared_ptr<const Clock> m_clock;
    SmtpMailer::Settings m_settings;
    Timing m_timing;
    AuditFollower m_log;
    QTimer m_expiryTimer;
    bool m_checking = false;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QThreadPool m_senders; // one thread: mails go out one after another, in order
};

} // namespace lockbox
