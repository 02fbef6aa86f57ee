#pragma once

#include <QObject>

// The .ts files in translations/: every text translated, nothing left over from texts the code no
// longer has, nothing new in the code that the files lack, and each translation keeping its
// source's placeholders and keyboard mnemonic. Embedded as .qm files for the Admin Center to load.
class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void everyMessageIsTranslated_data();
    void everyMessageIsTranslated();
    void translationsKeepPlaceholdersAndMnemonics_data();
    void translationsKeepPlaceholdersAndMnemonics();
    void lupdateFindsNothingUntranslated();
    void everyTranslationIsEmbeddedWithItsDirection_data();
    void everyTranslationIsEmbeddedWithItsDirection();
};
