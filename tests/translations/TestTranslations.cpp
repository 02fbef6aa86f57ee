#include "TestTranslations.h"
#include "TsFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <algorithm>

namespace {

const QString translationsDir = QStringLiteral(LOCKBOX_TRANSLATIONS_DIR);
constexpr int shownAtMost = 8; // problems named in one failure message

QStringList tsFileNames()
{
    return QDir(translationsDir).entryList({QStringLiteral("*.ts")}, QDir::Files, QDir::Name);
}

void addRowPerTsFile()
{
    QTest::addColumn<QString>("fileName");
    const QStringList names = tsFileNames();
    for (const QString& name : names)
        QTest::newRow(qPrintable(name)) << name;
}

// Plural forms Qt expects for a language (QTranslator's numerus rules): Arabic has six (zero, one,
// two, few, many, other), German and French two.
int pluralForms(const QString& language)
{
    const QString code = language.section(QLatin1Char('_'), 0, 0);
    if (code == QLatin1String("ar"))
        return 6;
    return 2;
}

// %1 to %99 and %n, each as often as it appears. %L1 counts as %1: the L only asks for the
// locale's digits (the Arabic translation writes numbers in Arabic-Indic digits, as its dates are).
QStringList placeholders(const QString& text)
{
    static const QRegularExpression placeholder(QStringLiteral("%L?([1-9][0-9]?|n)"));
    QStringList found;
    for (const QRegularExpressionMatch& match : placeholder.globalMatch(text))
        found << QLatin1Char('%') + match.captured(1);
    found.sort();
    return found;
}

// Keyboard mnemonics: "&" before a letter or digit, not "&&" (a literal ampersand) and not "& "
// (an ampersand in running text).
int mnemonics(const QString& text)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        if (text.at(i + 1).isLetterOrNumber())
            ++count;
    }
    return count;
}

QString listed(const QStringList& problems)
{
    QStringList shown = problems.mid(0, shownAtMost);
    if (problems.size() > shownAtMost)
        shown << QStringLiteral("… and %1 more").arg(problems.size() - shownAtMost);
    return shown.join(QStringLiteral("\n  "));
}

} // namespace

void TestTranslations::everyMessageIsTranslated_data()
{
    addRowPerTsFile();
    QVERIFY2(tsFileNames().size() >= 3, "translations/ should hold lockbox_de.ts, lockbox_fr.ts and lockbox_ar.ts");
}

void TestTranslations::everyMessageIsTranslated()
{
    QFETCH(QString, fileName);
    TsFile ts;
    QString problem;
    QVERIFY2(ts.read(QDir(translationsDir).filePath(fileName), &problem), qPrintable(problem));
    QVERIFY2(!ts.messages.isEmpty(), "the file holds no message");
    QStringList unfinished;
    QStringList leftOver;
    QStringList missingForms;
    for (const TsMessage& message : std::as_const(ts.messages)) {
        if (message.type == QLatin1String("obsolete") || message.type == QLatin1String("vanished"))
            leftOver << message.describe();
        else if (message.type == QLatin1String("unfinished")
                 || std::any_of(message.translations.cbegin(),
                                message.translations.cend(),
                                [](const QString& text) { return text.trimmed().isEmpty(); })
                 || message.translations.isEmpty())
            unfinished << message.describe();
        else if (message.numerus && message.translations.size() != pluralForms(ts.language))
            missingForms << QStringLiteral("%1 has %2 plural forms, %3 wants %4")
                                .arg(message.describe())
                                .arg(message.translations.size())
                                .arg(ts.language)
                                .arg(pluralForms(ts.language));
    }
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("%1 has %2 untranslated messages:\n  %3")
                            .arg(fileName)
                            .arg(unfinished.size())
                            .arg(listed(unfinished))));
    QVERIFY2(leftOver.isEmpty(),
             qPrintable(QStringLiteral("%1 has %2 obsolete or vanished messages (run the update_translations "
                                       "target, which drops them):\n  %3")
                            .arg(fileName)
                            .arg(leftOver.size())
                            .arg(listed(leftOver))));
    QVERIFY2(missingForms.isEmpty(), qPrintable(listed(missingForms)));
}

void TestTranslations::translationsKeepPlaceholdersAndMnemonics_data()
{
    addRowPerTsFile();
}

void TestTranslations::translationsKeepPlaceholdersAndMnemonics()
{
    QFETCH(QString, fileName);
    TsFile ts;
    QString problem;
    QVERIFY2(ts.read(QDir(translationsDir).filePath(fileName), &problem), qPrintable(problem));
    QStringList wrong;
    for (const TsMessage& message : std::as_const(ts.messages)) {
        QStringList wanted = placeholders(message.source);
        for (const QString& translation : message.translations) {
            QStringList got = placeholders(translation);
            // A plural form may leave the number out ("one request"), never put another in.
            if (message.numerus) {
                got.removeAll(QStringLiteral("%n"));
                wanted.removeAll(QStringLiteral("%n"));
            }
            if (got != wanted)
                wrong << QStringLiteral("%1 -> \"%2\": placeholders %3, the source has %4")
                             .arg(message.describe(),
                                  translation,
                                  got.join(QLatin1Char(' ')),
                                  wanted.join(QLatin1Char(' ')));
            if (mnemonics(translation) != mnemonics(message.source))
                wrong << QStringLiteral("%1 -> \"%2\": %3 mnemonics (&), the source has %4")
                             .arg(message.describe(), translation)
                             .arg(mnemonics(translation))
                             .arg(mnemonics(message.source));
        }
    }
    QVERIFY2(wrong.isEmpty(),
             qPrintable(QStringLiteral("%1: %2 translations differ from their source:\n  %3")
                            .arg(fileName)
                            .arg(wrong.size())
                            .arg(listed(wrong))));
}

void TestTranslations::lupdateFindsNothingUntranslated()
{
    // lupdate over the code into copies of the .ts files, as the update_translations target runs it
    // over the originals: a text added or changed in the code arrives unfinished, one removed is
    // dropped; either way the files in the source tree are behind.
    QString lupdate = QStringLiteral(LOCKBOX_LUPDATE);
    if (!QFile::exists(lupdate))
        lupdate = QDir(QLibraryInfo::path(QLibraryInfo::BinariesPath)).filePath(QStringLiteral("lupdate"));
    QVERIFY2(QFile::exists(lupdate), qPrintable(QStringLiteral("lupdate is not at %1 (qt6-l10n-tools)").arg(lupdate)));
    QTemporaryDir copies;
    QVERIFY(copies.isValid());
    QStringList arguments = QStringLiteral(LOCKBOX_LUPDATE_OPTIONS).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    arguments << QStringLiteral("@" LOCKBOX_LUPDATE_SOURCES) << QStringLiteral("-ts");
    const QStringList names = tsFileNames();
    for (const QString& name : names) {
        QVERIFY(QFile::copy(QDir(translationsDir).filePath(name), copies.filePath(name)));
        arguments << copies.filePath(name);
    }
    QProcess run;
    run.setProcessChannelMode(QProcess::MergedChannels);
    run.start(lupdate, arguments);
    QVERIFY2(run.waitForFinished(120000), "lupdate did not finish within two minutes");
    const QString output = QString::fromLocal8Bit(run.readAll());
    QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 0, qPrintable(output));

    for (const QString& name : names) {
        TsFile before;
        TsFile after;
        QString problem;
        QVERIFY2(before.read(QDir(translationsDir).filePath(name), &problem), qPrintable(problem));
        QVERIFY2(after.read(copies.filePath(name), &problem), qPrintable(problem));
        QStringList untranslated;
        for (const TsMessage& message : std::as_const(after.messages)) {
            if (message.type == QLatin1String("unfinished"))
                untranslated << message.describe();
        }
        QVERIFY2(untranslated.isEmpty(),
                 qPrintable(QStringLiteral("The code has %1 texts that translations/%2 lacks or has unfinished; run "
                                           "the update_translations target and translate them:\n  %3")
                                .arg(untranslated.size())
                                .arg(name, listed(untranslated))));
        QStringList gone;
        for (const TsMessage& message : std::as_const(before.messages)) {
            const bool kept = std::any_of(after.messages.cbegin(), after.messages.cend(), [&](const TsMessage& now) {
                return now.context == message.context && now.source == message.source && now.comment == message.comment;
            });
            if (!kept)
                gone << message.describe();
        }
        QVERIFY2(gone.isEmpty(),
                 qPrintable(QStringLiteral("translations/%1 holds %2 texts the code no longer has; run the "
                                           "update_translations target:\n  %3")
                                .arg(name)
                                .arg(gone.size())
                                .arg(listed(gone))));
    }
}

void TestTranslations::everyTranslationIsEmbeddedWithItsDirection_data()
{
    addRowPerTsFile();
}

void TestTranslations::everyTranslationIsEmbeddedWithItsDirection()
{
    QFETCH(QString, fileName);
    const QString qm = QStringLiteral(":/i18n/%1.qm").arg(QFileInfo(fileName).completeBaseName());
    QTranslator translator;
    QVERIFY2(translator.load(qm), qPrintable(QStringLiteral("%1 is not among the resources").arg(qm)));
    // Qt lays the application out right to left when this translates to "RTL"; it must not take
    // Qt's own translations (qt6-translations-l10n) for the Admin Center to do so.
    const QString direction = translator.translate("QGuiApplication",
                                                   "QT_LAYOUT_DIRECTION",
                                                   "Translate this string to the string 'LTR' in left-to-right "
                                                   "languages or to 'RTL' in right-to-left languages (such as Hebrew "
                                                   "and Arabic) to get proper widget layout.");
    QCOMPARE(direction, fileName.contains(QLatin1String("_ar")) ? QStringLiteral("RTL") : QStringLiteral("LTR"));
}
