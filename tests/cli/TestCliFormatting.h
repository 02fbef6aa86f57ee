#pragma once

#include <QObject>

// The pieces lockboxctl's output is made of: durations and times for people, aligned tables that
// never cut text, the stable JSON of a request, and the exit code each kind of Error maps to.
class TestCliFormatting : public QObject
{
    Q_OBJECT

private slots:
    void durationsReadAsHoursAndMinutes_data();
    void durationsReadAsHoursAndMinutes();
    void timeLeftRoundsDownToTheMinute_data();
    void timeLeftRoundsDownToTheMinute();
    void onlyUndecidedRequestsShowTimeLeft_data();
    void onlyUndecidedRequestsShowTimeLeft();
    void tableColumnsAreAsWideAsTheirWidestCell();
    void tableKeepsEachRowOnOneLine();
    void requestJsonUsesStableNamesAndUtcTimes();
    void requestJsonOmitsDecisionsOnlyWhenAsked();
    void exitCodeFollowsTheErrorCode_data();
    void exitCodeFollowsTheErrorCode();
};
