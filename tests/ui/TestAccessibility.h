#pragma once

#include <QObject>

// The Admin Center for keyboard and screen-reader users: what QAccessible tells a screen reader
// about every control, the Tab order, every action with keys only and a focus that shows, status
// told by more than colour, readable text on a light and a dark palette.
class TestAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void everyControlOnEveryPageIsNamedAndDescribed();
    void everyControlOfTheDialogsIsNamedAndDescribed();
    void demoBarAndExercisesAreNamedAndDescribed();
    void tabFollowsReadingOrder_data();
    void tabFollowsReadingOrder();
    void focusIsVisibleOnEveryStop_data();
    void focusIsVisibleOnEveryStop();
    void decisionDialogTabFollowsReadingOrder();
    void pageShortcutsPutTheFocusOnThePage();
    void approveWithKeysOnly();
    void denyFromTheRowMenuWithKeysOnly();
    void revokeWithKeysOnly();
    void toggleTheSettingWithKeysOnly();
    void exportAndVerifyWithKeysOnly();
    void statusIsNeverToldByColourAlone();
    void textContrastsWithItsBackground_data();
    void textContrastsWithItsBackground();
    void windowFitsAFullHdScreenAtTwiceTheScale();
};
