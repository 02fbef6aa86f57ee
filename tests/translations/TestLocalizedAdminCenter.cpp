#include "TestLocalizedAdminCenter.h"

#include "MainWindow.h"
#include "itemmodels/TimeFormat.h"
#include "requests/RequestsPage.h"
#include "settings/AppSettings.h"
#include "support/AdminCenterFixture.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>

using namespace lockbox;

namespace {

bool isArabicScript(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.script() == QChar::Script_Arabic; });
}

// Labels and buttons under `root` narrower than their text needs: a word-wrapping label
// reflows instead, so it is not counted.
QStringList clippedTexts(QWidget* root)
{
    QStringList clipped;
    for (QLabel* label : root->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
            continue;
        if (label->width() < label->sizeHint().width())
            clipped << QStringLiteral("label \"%1\" (%2 px of %3)")
                           .arg(label->text())
                           .arg(label->width())
                           .arg(label->sizeHint().width());
    }
    for (QAbstractButton* button : root->findChildren<QAbstractButton*>()) {
        if (!button->isVisible() || button->text().isEmpty())
            continue;
        if (button->width() < button->sizeHint().width())
            clipped << QStringLiteral("button \"%1\" (%2 px of %3)")
                           .arg(button->text())
                           .arg(button->width())
                           .arg(button->sizeHint().width());
    }
    return clipped;
}

// Closes the notice the language chooser opens, once it says when the choice takes effect.
bool dismissNotice(QWidget* window)
{
    QPointer<QMessageBox> notice;
    if (!QTest::qWaitFor([&] {
            notice = window->findChild<QMessageBox*>(QStringLiteral("languageNotice"));
            return notice && notice->isVisible();
        }))
        return false;
    if (!notice->text().contains(QStringLiteral("next time")))
        return false;
    notice->accept();
    return QTest::qWaitFor([&] { return notice.isNull(); });
}

// Requests in every state the pages show: waiting, approved with an open window, denied.
bool someRequests(StoreFixture& data)
{
    return !data.pending(60).isEmpty() && !data.pending(240).isEmpty() && !data.file().isEmpty();
}

} // namespace

namespace {

// Runs the layouts that showing a page asked for, so that sizes are final before they are measured.
void layOut()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCoreApplication::processEvents();
}

} // namespace

void TestLocalizedAdminCenter::cleanup()
{
    m_language.uninstall();
    QCOMPARE(QApplication::layoutDirection(), Qt::LeftToRight);
}

void TestLocalizedAdminCenter::arabicTurnsTheWindowRightToLeft()
{
    m_language.install(QStringLiteral("ar"));
    QCOMPARE(m_language.code(), QStringLiteral("ar"));
    QCOMPARE(QApplication::layoutDirection(), Qt::RightToLeft);
    QCOMPARE(QLocale().language(), QLocale::Arabic);
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), someRequests);
    MainWindow& window = f.window();
    QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
    QVERIFY2(isArabicScript(window.windowTitle()), qPrintable(window.windowTitle()));

    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), MainWindow::pageKeys().size());
    for (int row = 0; row < navigation->count(); ++row)
        QVERIFY2(isArabicScript(navigation->item(row)->text()), qPrintable(navigation->item(row)->text()));
    QCOMPARE(navigation->item(0)->text(), QStringLiteral("الرئيسية"));
    QCOMPARE(navigation->item(2)->text(), QStringLiteral("سجل التدقيق"));

    // Mirrored: the navigation on the right of the pages, the header's buttons on its left.
    auto* pages = navigation->parentWidget()->findChild<QStackedWidget*>();
    QVERIFY(pages);
    QVERIFY2(navigation->mapTo(&window, QPoint()).x() > pages->mapTo(&window, QPoint()).x(),
             "the navigation should be on the right");
    auto* header = window.findChild<QLabel*>(QStringLiteral("headerLabel"));
    auto* language = window.findChild<QWidget*>(QStringLiteral("languageChooser"));
    QVERIFY(header && language);
    QVERIFY2(language->mapTo(&window, QPoint()).x() < header->mapTo(&window, QPoint()).x(),
             "the language chooser should be left of the header");
}

void TestLocalizedAdminCenter::translatedTextsAreNotClipped_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("Arabic") << QStringLiteral("ar");
    QTest::newRow("German") << QStringLiteral("de");
    QTest::newRow("French") << QStringLiteral("fr");
}

void TestLocalizedAdminCenter::translatedTextsAreNotClipped()
{
    QFETCH(QString, language);
    m_language.install(language);
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), someRequests);
    QStringList clipped;
    for (const QString& key : MainWindow::pageKeys()) {
        f.window().showPage(key);
        layOut();
        for (const QString& text : clippedTexts(&f.window()))
            clipped << text + QStringLiteral(" on ") + key;
    }
    clipped.removeDuplicates();
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("\n"))));

    // The request table's columns, its approve and deny buttons included, fit the window as they
    // do in English: nothing hides behind a horizontal scroll bar.
    f.window().showPage(QStringLiteral("requests"));
    QTableView* table = f.window().requestsPage()->table();
    QVERIFY(table->model()->rowCount() > 0);
    layOut();
    QVERIFY2(!table->horizontalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("the columns need %1 px, the table shows %2")
                            .arg(table->horizontalHeader()->length())
                            .arg(table->viewport()->width())));
}

void TestLocalizedAdminCenter::timesAndDurationsFollowTheLocale_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("duration");
    QTest::addColumn<QString>("seconds");
    // The tests run in the C locale: ISO 8601, as lockboxctl writes it.
    QTest::newRow("system (C)") << QString() << QStringLiteral("2026-11-24 20:30 UTC")
                                << QStringLiteral("1 d 1 h 30 min") << QStringLiteral("45 s");
    QTest::newRow("English") << QStringLiteral("en") << QStringLiteral("11/24/26 8:30 PM UTC")
                             << QStringLiteral("1 d 1 h 30 min") << QStringLiteral("45 s");
    QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("24.11.26 20:30 UTC")
                            << QStringLiteral("1 Tg. 1 Std. 30 Min.") << QStringLiteral("45 Sek.");
    QTest::newRow("French") << QStringLiteral("fr") << QStringLiteral("24/11/2026 20:30 UTC")
                            << QStringLiteral("1 j 1 h 30 min") << QStringLiteral("45 s");
    // A right-to-left mark after "UTC" keeps it beside the Arabic time amid Latin text.
    QTest::newRow("Arabic") << QStringLiteral("ar") << QStringLiteral("٢٤‏/١١‏/٢٠٢٦ ٨:٣٠ م UTC\u200f")
                            << QStringLiteral("١ يوم ١ س ٣٠ د") << QStringLiteral("٤٥ ث");
}

void TestLocalizedAdminCenter::timesAndDurationsFollowTheLocale()
{
    QFETCH(QString, language);
    QFETCH(QString, time);
    QFETCH(QString, duration);
    QFETCH(QString, seconds);
    m_language.install(language);
    const QDateTime at(QDate(2026, 11, 24), QTime(20, 30), Qt::UTC);
    QCOMPARE(TimeFormat::utc(at), time);
    // The same moment given in another zone is still shown in UTC.
    QCOMPARE(TimeFormat::utc(at.toOffsetFromUtc(3600)), time);
    QCOMPARE(TimeFormat::duration(24 * 60 + 90), duration);
    QCOMPARE(TimeFormat::remaining(at, at.addSecs(45)), seconds);
}

void TestLocalizedAdminCenter::qtsOwnTextsFollowTheLanguage()
{
    if (!QFile::exists(
            QDir(QLibraryInfo::path(QLibraryInfo::TranslationsPath)).filePath(QStringLiteral("qtbase_de.qm"))))
        QSKIP("Qt's translations are not installed (Debian's qt6-translations-l10n)");
    m_language.install(QStringLiteral("de"));
    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
}

void TestLocalizedAdminCenter::languageChooserSavesTheChoiceForTheNextStart()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    auto* combo = f.window().findChild<QComboBox*>(QStringLiteral("languageCombo"));
    QVERIFY(combo);
    QVERIFY(combo->isVisible());
    QCOMPARE(combo->currentText(), QStringLiteral("System default"));
    QVERIFY(!combo->accessibleName().isEmpty());
    QVERIFY(!combo->accessibleDescription().isEmpty());

    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_End);
    QCOMPARE(combo->currentText(), QStringLiteral("العربية"));
    QCOMPARE(f.settings().language(), QStringLiteral("ar"));
    QVERIFY2(dismissNotice(&f.window()), "no notice says when the choice takes effect");

    // Back to the system's language: nothing stays saved.
    QTest::keyClick(combo, Qt::Key_Home);
    QCOMPARE(f.settings().language(), QString());
    QVERIFY(dismissNotice(&f.window()));
    AppSettings reread(f.settingsFile());
    QCOMPARE(reread.language(), QString());
}
