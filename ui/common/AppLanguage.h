#pragma once

#include <QList>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QTranslator>

namespace lockbox {

// The language the Admin Center speaks in this run: its own translations (built from translations/
// and embedded under :/i18n) and Qt's for the standard dialogs and buttons (qtbase_*.qm from
// Debian's qt6-translations-l10n, when installed). Install before the first widget is made: pages
// translate their texts once, when they are built. An Arabic translation also turns the whole
// application right to left: Qt reads the direction from the translation of QT_LAYOUT_DIRECTION.
class AppLanguage : public QObject
{
    Q_OBJECT

public:
    struct Language
    {
        QString code; // "en", "de", "fr", "ar"
        QString nativeName; // as its speakers write it: "Deutsch", "العربية"
    };

    // The languages the Admin Center is translated into, English (the source) first.
    static QList<Language> available();
    static bool isAvailable(const QString& code);
    // The locale that dates and numbers follow for `code`: the system's when `code` is empty or
    // names the system's own language (so that de_CH stays Swiss), else the language's default.
    static QLocale localeFor(const QString& code);

    explicit AppLanguage(QObject* parent = nullptr);
    ~AppLanguage() override;

    // Makes `code` ("" for the system's language) the application's language and default locale.
    // Replaces what an earlier install() put in place. A language without a translation leaves the
    // texts in English, the dates in the locale's form.
    void install(const QString& code);
    // Takes the translations out again and returns to the C locale's English (for tests).
    void uninstall();

    // The language whose translation is in use, "en" when none is.
    QString code() const { return m_code; }

private:
    QTranslator m_lockbox;
    QTranslator m_qt;
    bool m_installed = false;
    QString m_code = QStringLiteral("en");
};

} // namespace lockbox
