#pragma once

#include "common/AppLanguage.h"

#include <QObject>

// The Admin Center in the admin's language, set up the way lockbox-admin sets it up (AppLanguage)
// before the window is built: Arabic lays it out right to left, every language shows its texts in
// full, dates and durations follow the locale, Qt's own buttons speak the language too, and the
// language chooser saves the choice for the next start.
class TestLocalizedAdminCenter : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void arabicTurnsTheWindowRightToLeft();
    void translatedTextsAreNotClipped_data();
    void translatedTextsAreNotClipped();
    void timesAndDurationsFollowTheLocale_data();
    void timesAndDurationsFollowTheLocale();
    void qtsOwnTextsFollowTheLanguage();
    void languageChooserSavesTheChoiceForTheNextStart();

private:
    lockbox::AppLanguage m_language;
};
