#pragma once

#include <QObject>

// The offline training demo: the simulated operator side on the demo clock, persona switching,
// and exercises checked against what the trainee did.
class TestTrainingDemo : public QObject
{
    Q_OBJECT

private slots:
    void clockRunsAtTheChosenSpeed();
    void atSixHundredTimesRequestsArriveExpireAndWindowsClose();
    void exercisesAreMarkedDoneAndRemembered();
    void settingExerciseNeedsOffThenAutoApprovalThenOn();
    void expiredRequestSaysWhyAndCountsAsAnExercise();
    void personaSwitchChangesWhatTheTraineeMayDo();
    void fileARequestAsTheEngineer();
    void demoControlsHaveAccessibleNames();
    void simulatedEngineerAnswersAQuestionAfterAFewDemoMinutes();
};
