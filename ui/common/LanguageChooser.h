#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace lockbox {

class AppSettings;

// "Language: [System default ▾]" in the window's header: the admin's choice among the languages
// the Admin Center is translated into, saved in the settings. The language is set up when the
// Admin Center starts, so the choice takes effect at the next start, and the chooser says so.
class LanguageChooser : public QWidget
{
    Q_OBJECT

public:
    explicit LanguageChooser(AppSettings* settings, QWidget* parent = nullptr);

    QComboBox* comboBox() const { return m_combo; }

signals:
    // The admin chose `code` ("" for the system's language); it is saved.
    void languageChosen(const QString& code);

private:
    void choose(int index);

    AppSettings* m_settings;
    QLabel* m_label;
    QComboBox* m_combo;
};

} // namespace lockbox
