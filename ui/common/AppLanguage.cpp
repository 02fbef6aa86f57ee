#include "AppLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>

#include <algorithm>

namespace lockbox {

namespace {
const QString translationsFolder = QStringLiteral(":/i18n");

// Qt turns the application right to left when this string of QGuiApplication translates to "RTL".
// qtbase_ar.qm carries it too, but the Admin Center must not depend on qt6-translations-l10n for
// its layout, so our own translations carry it as well (lupdate picks it up from here).
struct Marked
{
    const char* source;
    const char* comment;
};
[[maybe_unused]] constexpr Marked layoutDirection
    = QT_TRANSLATE_NOOP3("QGuiApplication",
                         "QT_LAYOUT_DIRECTION",
                         "Translate this string to the string 'LTR' in left-to-right languages or to 'RTL' in "
                         "right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.");
} // namespace

QList<AppLanguage::Language> AppLanguage::available()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("fr"), QStringLiteral("Français")},
            {QStringLiteral("ar"), QStringLiteral("العربية")}};
}

bool AppLanguage::isAvailable(const QString& code)
{
    const QList<Language> languages = available();
    return std::any_of(
        languages.cbegin(), languages.cend(), [&code](const Language& language) { return language.code == code; });
}

QLocale AppLanguage::localeFor(const QString& code)
{
    const QLocale system = QLocale::system();
    if (code.isEmpty())
        return system;
    const QLocale chosen(code);
    return chosen.language() == system.language() ? system : chosen;
}

AppLanguage::AppLanguage(QObject* parent)
    : QObject(parent)
{ }

AppLanguage::~AppLanguage()
{
    uninstall();
}

void AppLanguage::install(const QString& code)
{
    uninstall();
    const QLocale locale = localeFor(code);
    QLocale::setDefault(locale);
    m_installed = true;
    // English is the source language: it needs no translation, and a system language's must not
    // slip in when English was chosen.
    if (code == QLatin1String("en")
        || !m_lockbox.load(locale, QStringLiteral("lockbox"), QStringLiteral("_"), translationsFolder))
        return;
    m_code = m_lockbox.language().section(QLatin1Char('_'), 0, 0);
    // Qt's own strings in the same language as ours, not in the system's.
    if (m_qt.load(QLocale(m_code),
                  QStringLiteral("qtbase"),
                  QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    // Installed last, so searched first.
    QCoreApplication::installTranslator(&m_lockbox);
}

void AppLanguage::uninstall()
{
    if (!m_installed)
        return;
    QCoreApplication::removeTranslator(&m_lockbox);
    QCoreApplication::removeTranslator(&m_qt);
    QLocale::setDefault(QLocale::system());
    m_code = QStringLiteral("en");
    m_installed = false;
}

} // namespace lockbox
