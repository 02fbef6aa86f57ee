#include "HomePage.h"
#include "core/Guarded.h"

#include "session/Session.h"
#include "store/Store.h"

#include <QGridLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace lockbox {

HomePage::HomePage(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_greeting(new QLabel(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("homePage"));
    QFont big = m_greeting->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_greeting->setFont(big);
    m_greeting->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->hide();

    m_pending = addCard(QStringLiteral("homePending"), RequestListPreset::Pending);
    m_expiring = addCard(QStringLiteral("homeExpiring"), RequestListPreset::ExpiringSoon);
    m_decided = addCard(QStringLiteral("homeDecided"), RequestListPreset::DecidedToday);
    m_open = addCard(QStringLiteral("homeOpenWindows"), RequestListPreset::AccessOpen);

    auto* cards = new QGridLayout;
    cards->addWidget(m_pending, 0, 0);
    cards->addWidget(m_expiring, 0, 1);
    cards->addWidget(m_decided, 1, 0);
    cards->addWidget(m_open, 1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_greeting);
    layout->addWidget(m_error);
    layout->addLayout(cards);
    layout->addStretch();

    connect(session->store(), &Store::requestsChanged, this, [this](const QString& tenantId) {
        if (tenantId == m_session->actor().tenantId)
            refresh();
    });
    connect(session, &Session::signedIn, this, &HomePage::refresh);
    // Counts of "within the hour" and "today" change with time alone.
    connect(session, &Session::ticked, this, &HomePage::refresh);
    refresh();
}

QToolButton* HomePage::addCard(const QString& objectName, RequestListPreset preset)
{
    auto* card = new QToolButton(this);
    card->setObjectName(objectName);
    card->setToolButtonStyle(Qt::ToolButtonTextOnly);
    card->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    card->setMinimumHeight(card->fontMetrics().height() * 5);
    QFont font = card->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    card->setFont(font);
    connect(card, &QToolButton::clicked, this, [this, preset] { emit openRequests(preset); });
    return card;
}

void HomePage::setCard(QToolButton* card, int count, const QString& text)
{
    card->setText(QStringLiteral("%L1\n%2").arg(count).arg(text)); // the count in the locale's digits
    card->setAccessibleName(QStringLiteral("%1: %L2").arg(text).arg(count));
    card->setToolTip(tr("Show them in the request list"));
}

void HomePage::refresh()
{
    if (!m_session->isSignedIn())
        return;
    const QString name = m_session->displayName().isEmpty() ? m_session->actor().principal : m_session->displayName();
    m_greeting->setText(tr("Welcome, %1").arg(name));
    m_session->store()
        ->summary(m_session->actor())
        .then(QCoreApplication::instance(), guarded(this, [this](const Result<RequestSummary>& summary) {
                  if (!summary) {
                      m_error->setText(summary.error().message());
                      m_error->show();
                      return;
                  }
                  m_error->hide();
                  setCard(m_pending, summary->pending, tr("Pending requests"));
                  setCard(m_expiring, summary->expiringWithinHour, tr("Expiring within the hour"));
                  setCard(m_decided, summary->decidedToday, tr("Decided today"));
                  setCard(m_open, summary->windowsOpen, tr("Access windows open now"));
              }));
}

} // namespace lockbox
