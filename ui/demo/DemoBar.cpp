#include "DemoBar.h"

#include "demo/DemoClock.h"
#include "itemmodels/TimeFormat.h"
#include "session/Session.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace lockbox {

DemoBar::DemoBar(Session* session, DemoClock* clock, QList<Persona> personas, QWidget* parent)
    : QFrame(parent)
    , m_session(session)
    , m_clock(clock)
    , m_banner(new QLabel(tr("Training demo: simulated data"), this))
    , m_time(new QLabel(this))
    , m_news(new QLabel(this))
    , m_speeds(new QButtonGroup(this))
    , m_persona(new QComboBox(this))
{
    setObjectName(QStringLiteral("demoBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    m_banner->setObjectName(QStringLiteral("demoBanner"));
    m_banner->setAccessibleDescription(tr("Nothing here is real: the demo never touches a real store"));
    QFont bold = m_banner->font();
    bold.setBold(true);
    m_banner->setFont(bold);
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(size, size));
    m_time->setObjectName(QStringLiteral("demoClock"));
    m_time->setAccessibleDescription(tr("The time on the demo clock and how fast it runs"));
    m_news->setObjectName(QStringLiteral("demoNews"));
    m_news->setWordWrap(true);
    m_news->setAccessibleDescription(tr("What just happened in the demo"));

    auto* speedLabel = new QLabel(tr("Clock:"), this);
    auto* speeds = new QHBoxLayout;
    speeds->setSpacing(2);
    for (const auto& [speed, text, tip] :
         {std::tuple {0, tr("Pause"), tr("Stop the demo clock")},
          std::tuple {1, tr("×1"), tr("Real time")},
          std::tuple {60, tr("×60"), tr("A minute a second")},
          std::tuple {600, tr("×600"), tr("Ten minutes a second: 12 hours in 72 seconds")}}) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setToolTip(tip);
        button->setAccessibleName(tip);
        button->setAccessibleDescription(tr("Sets how fast the demo clock runs"));
        button->setCheckable(true);
        button->setObjectName(QStringLiteral("demoSpeed%1").arg(speed));
        m_speeds->addButton(button, speed);
        speeds->addWidget(button);
    }
    m_speeds->setExclusive(true);
    if (QAbstractButton* current = m_speeds->button(clock->speed()))
        current->setChecked(true);

    m_persona->setObjectName(QStringLiteral("demoPersona"));
    m_persona->setAccessibleName(tr("Sign in as"));
    m_persona->setAccessibleDescription(tr("Another person of the demo, to see what their role may do"));
    for (const Persona& persona : personas)
        m_persona->addItem(persona.label, persona.principal);
    auto* personaLabel = new QLabel(tr("Sign &in as:"), this);
    personaLabel->setBuddy(m_persona);

    auto* file = new QPushButton(tr("File a request…"), this);
    file->setObjectName(QStringLiteral("demoFileRequest"));
    file->setToolTip(tr("Play the engineer: file a request that reaches you as Pending"));
    auto* exercises = new QPushButton(tr("E&xercises"), this);
    exercises->setObjectName(QStringLiteral("demoExercises"));
    auto* reset = new QPushButton(tr("Reset demo"), this);
    reset->setObjectName(QStringLiteral("demoReset"));
    reset->setToolTip(tr("Start over with fresh simulated data"));
    // Tab order follows reading order: the first row, then the clock's.
    setTabOrder(m_persona, file);
    setTabOrder(file, exercises);
    setTabOrder(exercises, reset);

    // What it is and who you are on the first line; time and news on the second.
    auto* top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(m_banner);
    top->addStretch();
    top->addWidget(personaLabel);
    top->addWidget(m_persona);
    top->addWidget(file);
    top->addWidget(exercises);
    top->addWidget(reset);
    auto* second = new QHBoxLayout;
    second->addWidget(speedLabel);
    second->addLayout(speeds);
    second->addWidget(m_time);
    second->addSpacing(12);
    second->addWidget(m_news, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addLayout(top);
    layout->addLayout(second);
    m_exercises = exercises;

    connect(m_speeds, &QButtonGroup::idClicked, this, &DemoBar::setSpeed);
    connect(m_persona, &QComboBox::activated, this, [this](int index) {
        emit personaChosen(m_persona->itemData(index).toString());
    });
    connect(m_session, &Session::signedIn, this, [this] {
        const int index = m_persona->findData(m_session->actor().principal);
        if (index >= 0)
            m_persona->setCurrentIndex(index);
    });
    connect(file, &QPushButton::clicked, this, &DemoBar::fileRequestClicked);
    connect(exercises, &QPushButton::clicked, this, &DemoBar::exercisesClicked);
    connect(reset, &QPushButton::clicked, this, &DemoBar::resetClicked);
    connect(&m_tick, &QTimer::timeout, this, &DemoBar::updateClock);
    m_tick.start(250);
    updateClock();
}

void DemoBar::setSpeed(int speed)
{
    m_clock->setSpeed(speed);
    if (QAbstractButton* button = m_speeds->button(speed))
        button->setChecked(true);
    updateClock();
}

void DemoBar::announce(const QString& text)
{
    m_news->setText(text);
}

void DemoBar::setExerciseProgress(int done, int total)
{
    m_exercises->setText(tr("E&xercises %1/%2").arg(done).arg(total));
    m_exercises->setAccessibleDescription(tr("%1 of %2 exercises done").arg(done).arg(total));
}

void DemoBar::updateClock()
{
    const int speed = m_clock->speed();
    m_time->setText(speed == 0 ? tr("%1 (paused)").arg(TimeFormat::utc(m_clock->now()))
                               : tr("%1 (×%2)").arg(TimeFormat::utc(m_clock->now())).arg(speed));
}

} // namespace lockbox
