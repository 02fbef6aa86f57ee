#pragma once

#include <QFrame>
#include <QTimer>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;

namespace lockbox {

class DemoClock;
class Session;

// Shown on every page of the training demo: says plainly that the data is simulated, runs the
// demo clock (pause, ×1, ×60, ×600), switches persona (Global administrator, Lockbox access
// approver, Reader), and offers to file a request as an engineer, show the exercises, or start over.
class DemoBar : public QFrame
{
    Q_OBJECT

public:
    struct Persona
    {
        QString principal;
        QString label;
    };

    DemoBar(Session* session, DemoClock* clock, QList<Persona> personas, QWidget* parent = nullptr);

    // Shows a line of news ("EXSR359310 awaits your approval").
    void announce(const QString& text);
    void setSpeed(int speed);
    void setExerciseProgress(int done, int total);

signals:
    void personaChosen(const QString& principal);
    void fileRequestClicked();
    void exercisesClicked();
    void resetClicked();

private:
    void updateClock();

    Session* m_session;
    DemoClock* m_clock;
    QLabel* m_banner;
    QLabel* m_time;
    QLabel* m_news;
    QButtonGroup* m_speeds;
    QComboBox* m_persona;
    QPushButton* m_exercises = nullptr;
    QTimer m_tick;
};

} // namespace lockbox
