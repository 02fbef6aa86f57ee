#include "TestAdminCenter.h"
#include "core/Guarded.h"

#include "MainWindow.h"
#include "audit/AuditPage.h"
#include "common/NotificationBanner.h"
#include "itemmodels/AuditTableModel.h"
#include "itemmodels/RequestTableModel.h"
#include "requests/DecisionDialog.h"
#include "requests/RequestDetailsPane.h"
#include "requests/RequestsPage.h"
#include "session/Session.h"
#include "settings/AppSettings.h"
#include "settings/SettingsPage.h"
#include "signing/DecisionStatement.h"
#include "signing/SigningKey.h"
#include "support/AccessibleNames.h"
#include "support/AdminCenterFixture.h"
#include "support/RawDatabase.h"
#include "support/ResultAsserts.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using namespace lockbox;

namespace {

// Three pending requests for contoso, filed a minute apart (the newest first in the table).
bool threePending(StoreFixture& data, QStringList* ids)
{
    for (int i = 0; i < 3; ++i) {
        data.clock().advanceSeconds(60);
        const QString id = data.pending(30 + i * 30);
        if (id.isEmpty())
            return false;
        ids->prepend(id);
    }
    return true;
}

QPushButton* confirmButton(DecisionDialog* dialog)
{
    return dialog->findChild<QPushButton*>(QStringLiteral("confirmDecision"));
}

} // namespace

void TestAdminCenter::showsPendingRequestsOfTheTenant()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        return threePending(data, &ids) && !data.pending(60, StoreFixture::fabrikam).isEmpty();
    });
    RequestsPage* page = f.window().requestsPage();
    QCOMPARE(page->model()->rowCount(), 3);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(page->model()->requestAt(row)->id, ids.at(row));
    auto* header = f.window().findChild<QLabel*>(QStringLiteral("headerLabel"));
    QVERIFY(header->text().contains(QStringLiteral("Contoso Ltd")));
    QVERIFY(header->text().contains(QStringLiteral("Global administrator")));
}

void TestAdminCenter::approveFromTheRowButton()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::lidia(), [&](StoreFixture& data) { return threePending(data, &ids); });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    f.clickRowButton(1, true);
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), Action::Approve);
    const QString summary = dialog->findChild<QLabel*>(QStringLiteral("decisionSummary"))->text();
    QVERIFY2(summary.contains(StoreFixture::engineer().principal) && summary.contains(QStringLiteral("1 h"))
                 && summary.contains(QStringLiteral("Exchange")),
             qPrintable(summary));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("decisionComment")),
                     QStringLiteral("Ticket checked"));
    QTest::mouseClick(confirmButton(dialog), Qt::LeftButton);
    QTRY_COMPARE(f.storedRequest(ids.at(1)).status, RequestStatus::Approved);
    QCOMPARE(f.storedRequest(ids.at(1)).decisionComment, QStringLiteral("Ticket checked"));
    QCOMPARE(f.storedRequest(ids.at(0)).status, RequestStatus::Pending);
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "requestsBanner").contains(QStringLiteral("Approved")));
    QTRY_COMPARE(page->model()->requestAt(1)->status, RequestStatus::Approved);
}

void TestAdminCenter::approveWithTheKeyboard()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) { return threePending(data, &ids); });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    page->table()->setFocus();
    QTest::keyClick(page->table(), Qt::Key_Down); // second row
    QTRY_COMPARE(page->findChild<RequestDetailsPane*>()->requestId(), ids.at(1));
    QTRY_VERIFY(page->findChild<QPushButton*>(QStringLiteral("detailsApprove"))->isEnabled());
    QTest::keyClick(&f.window(), Qt::Key_A, Qt::AltModifier);
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->requestId(), ids.at(1));
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    auto* comment = dialog->findChild<QPlainTextEdit*>(QStringLiteral("decisionComment"));
    QTRY_COMPARE(QApplication::focusWidget(), comment);
    QTest::keyClicks(comment, QStringLiteral("ok"));
    QTest::keyClick(comment, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(f.storedRequest(ids.at(1)).status, RequestStatus::Approved);

    // The Admin Center signed it with Megan's own key, which it registered first.
    const Decision approval = f.storedRequest(ids.at(1)).decisions.last();
    QVERIFY(!approval.signature.isEmpty());
    const QList<RegisteredKey> keys = *f.data().store().signingKeys(StoreFixture::megan()).result();
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().principal, StoreFixture::megan().principal);
    QCOMPARE(approval.signingKey, keys.first().fingerprint);
    QVERIFY(SigningKey::verify(
        keys.first().publicKey,
        DecisionStatement::of(f.storedRequest(ids.at(1)), Action::Approve, approval.actor, approval.signedAt).encoded(),
        approval.signature));
}

void TestAdminCenter::denyNeedsAReason()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::lidia(), [&](StoreFixture& data) { return threePending(data, &ids); });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    f.clickRowButton(0, false);
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), Action::Deny);
    QVERIFY(!confirmButton(dialog)->isEnabled());
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("decisionComment")),
                     QStringLiteral("Scope too broad"));
    QVERIFY(confirmButton(dialog)->isEnabled());
    QTest::mouseClick(confirmButton(dialog), Qt::LeftButton);
    QTRY_COMPARE(f.storedRequest(ids.at(0)).status, RequestStatus::Denied);
    QCOMPARE(f.storedRequest(ids.at(0)).decisionComment, QStringLiteral("Scope too broad"));
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "requestsBanner").contains(QStringLiteral("Denied")));
}

void TestAdminCenter::approvingAnExpiredRequestShowsWhy()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::lidia(), [&](StoreFixture& data) { return threePending(data, &ids); });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    f.clickRowButton(2, true);
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    // The screen showed it pending; by the time the admin confirms, the store's clock says expired.
    f.data().clock().advanceSeconds(12 * 3600);
    QTest::mouseClick(confirmButton(dialog), Qt::LeftButton);
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "requestsBanner")
                    .contains(QStringLiteral("it can no longer be approved")));
    QVERIFY(AdminCenterFixture::bannerText(page, "requestsBanner").contains(f.storedRequest(ids.at(2)).reference));
    QCOMPARE(f.storedRequest(ids.at(2)).status, RequestStatus::Expired);
    QVERIFY(!f.storedRequest(ids.at(2)).accessFrom.isValid());
}

void TestAdminCenter::detailsShowHistoryAndTimeLeft()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::adele(), [&](StoreFixture& data) { return threePending(data, &ids); });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    page->table()->setCurrentIndex(page->model()->index(0, 0));
    auto* history = page->findChild<QTextBrowser*>(QStringLiteral("historyList"));
    QTRY_VERIFY(history->toPlainText().contains(QStringLiteral("ManagerApproved")));
    const QString text = history->toPlainText();
    QVERIFY(text.indexOf(QStringLiteral("RequestFiled")) < text.indexOf(QStringLiteral("ManagerApproved")));
    QVERIFY(text.contains(QStringLiteral("ManagerApproved by %1").arg(StoreFixture::manager().principal)));
    auto* expires = page->findChild<QLabel*>(QStringLiteral("detailExpires"));
    QVERIFY2(expires->text().contains(QStringLiteral("12 h left")), qPrintable(expires->text()));
    QCOMPARE(page->findChild<QLabel*>(QStringLiteral("detailScope"))->text(),
             QStringLiteral("Mailbox of joni@contoso.com"));
}

void TestAdminCenter::revokeClosesAnOpenWindow()
{
    QString id;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        id = data.pending(120);
        return !id.isEmpty() && data.approve(StoreFixture::lidia(), id).result().isOk();
    });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    page->applyPreset(RequestListPreset::AccessOpen);
    QTRY_COMPARE(page->model()->rowCount(), 1);
    page->table()->setCurrentIndex(page->model()->index(0, 0));
    auto* revoke = page->findChild<QPushButton*>(QStringLiteral("detailsRevoke"));
    QTRY_VERIFY(revoke->isVisible() && revoke->isEnabled());
    QTest::mouseClick(revoke, Qt::LeftButton);
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), Action::Revoke);
    QTest::mouseClick(confirmButton(dialog), Qt::LeftButton);
    QTRY_COMPARE(f.storedRequest(id).status, RequestStatus::Revoked);
    Result<AccessCheck> check
        = f.data()
              .store()
              .checkAccess(StoreFixture::manager(), StoreFixture::engineer().principal, StoreFixture::contoso)
              .result();
    LOCKBOX_VERIFY_OK(check);
    QVERIFY(!check->allowed);
}

void TestAdminCenter::readerSeesNoDecisionButtons()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::adele(), [&](StoreFixture& data) { return threePending(data, &ids); });
    RequestsPage* page = f.window().requestsPage();
    QCOMPARE(page->model()->index(0, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool(),
             false);
    page->table()->setCurrentIndex(page->model()->index(0, 0));
    auto* hint = page->findChild<QLabel*>(QStringLiteral("detailsActionHint"));
    QTRY_VERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QStringLiteral("Reader")), qPrintable(hint->text()));
    QVERIFY(!page->findChild<QPushButton*>(QStringLiteral("detailsApprove"))->isEnabled());
    // Even if the flow is started another way, the page refuses with the same reason.
    page->decide(Action::Approve, *page->model()->requestAt(0));
    QVERIFY(!page->openDecisionDialog());
    QVERIFY(AdminCenterFixture::bannerText(page, "requestsBanner").contains(QStringLiteral("Reader")));
}

void TestAdminCenter::settingToggleAsGlobalAdmin()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    f.window().showPage(QStringLiteral("settings"));
    SettingsPage* page = f.window().settingsPage();
    auto* toggle = page->findChild<QCheckBox*>(QStringLiteral("requireApprovalToggle"));
    QTRY_VERIFY(toggle->isEnabled());
    QVERIFY(toggle->isChecked());
    QTest::mouseClick(toggle, Qt::LeftButton, {}, QPoint(8, toggle->height() / 2));
    QVERIFY(toggle->isChecked()); // unchanged until confirmed
    QTRY_VERIFY(page->confirmation());
    QTest::mouseClick(page->confirmation()->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY(!f.data().store().settings(StoreFixture::megan()).result()->requireApproval);
    QTRY_VERIFY(!toggle->isChecked());
    QTRY_VERIFY(page->findChild<QLabel*>(QStringLiteral("settingLastChanged"))
                    ->text()
                    .contains(StoreFixture::megan().principal));

    // Cancelling changes nothing.
    QTest::mouseClick(toggle, Qt::LeftButton, {}, QPoint(8, toggle->height() / 2));
    QTRY_VERIFY(page->confirmation());
    QTest::mouseClick(page->confirmation()->button(QMessageBox::Cancel), Qt::LeftButton);
    QVERIFY(!toggle->isChecked());
    QVERIFY(!f.data().store().settings(StoreFixture::megan()).result()->requireApproval);
}

void TestAdminCenter::settingIsReadOnlyForAReader()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::adele());
    f.window().showPage(QStringLiteral("settings"));
    SettingsPage* page = f.window().settingsPage();
    auto* toggle = page->findChild<QCheckBox*>(QStringLiteral("requireApprovalToggle"));
    auto* reason = page->findChild<QLabel*>(QStringLiteral("settingReadOnlyReason"));
    QTRY_VERIFY(reason->isVisible());
    QVERIFY(!toggle->isEnabled());
    QVERIFY2(reason->text().contains(QStringLiteral("Reader")), qPrintable(reason->text()));
    QTest::mouseClick(toggle, Qt::LeftButton, {}, QPoint(8, toggle->height() / 2));
    QVERIFY(!page->confirmation());
    QVERIFY(f.data().store().settings(StoreFixture::megan()).result()->requireApproval);
}

void TestAdminCenter::approvalsRequiredIsSetOnTheSettingsPage()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    f.window().showPage(QStringLiteral("settings"));
    SettingsPage* page = f.window().settingsPage();
    auto* approvals = page->findChild<QSpinBox*>(QStringLiteral("approvalsRequired"));
    QTRY_VERIFY(approvals->isEnabled());
    QCOMPARE(approvals->value(), 1);
    approvals->setFocus();
    QTest::keyClick(approvals, Qt::Key_Up);
    QCOMPARE(approvals->value(), 2);
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("applyApprovals")), Qt::LeftButton);
    QTRY_VERIFY(page->confirmation());
    QVERIFY(page->confirmation()->text().contains(QStringLiteral("2 different approvers")));
    QTest::mouseClick(page->confirmation()->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(f.data().store().settings(StoreFixture::megan()).result()->approvalsRequired, 2);
    QTRY_VERIFY(
        AdminCenterFixture::bannerText(page, "settingsBanner").contains(QStringLiteral("approvals required: 2")));
}

void TestAdminCenter::twoAdminsApproveInTurn()
{
    QString id;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        TenantSettings two = *data.store().settings(StoreFixture::megan()).result();
        two.approvalsRequired = 2;
        if (!data.store().updateSettings(StoreFixture::megan(), two).result())
            return false;
        id = data.pending();
        return !id.isEmpty();
    });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    auto approveFirstRow = [&] {
        f.clickRowButton(0, true);
        DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
        QVERIFY(dialog);
        QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("decisionSummary"))->text().contains(QStringLiteral("of 2")),
                 "the dialog says which approval this is");
        QTest::mouseClick(confirmButton(dialog), Qt::LeftButton);
    };
    approveFirstRow();
    QTRY_COMPARE(f.storedRequest(id).approvalsCount, 1);
    QCOMPARE(f.storedRequest(id).status, RequestStatus::Pending);
    QTRY_COMPARE(page->model()->index(0, RequestTableModel::Status).data().toString(),
                 QStringLiteral("Pending (1 of 2 approvals)"));
    // Megan cannot count twice: her row no longer offers Approve, after a reload from the store too.
    QVERIFY(!page->model()->index(0, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool());
    page->model()->refresh();
    QTRY_VERIFY(!page->model()->isLoading() && page->model()->rowCount() == 1);
    QVERIFY(!page->model()->index(0, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool());

    // The second admin signs in on the same window and completes it.
    bool done = false;
    f.session()
        .signIn(StoreFixture::lidia())
        .then(QCoreApplication::instance(), guarded(&f.window(), [&](const Status&) { done = true; }));
    QTRY_VERIFY(done);
    QTRY_VERIFY(!page->model()->isLoading() && page->model()->rowCount() == 1);
    approveFirstRow();
    QTRY_COMPARE(f.storedRequest(id).status, RequestStatus::Approved);
    QCOMPARE(f.storedRequest(id).approvalsCount, 2);
    page->applyPreset(RequestListPreset::AccessOpen);
    QTRY_COMPARE(page->model()->rowCount(), 1);
    page->table()->setCurrentIndex(page->model()->index(0, 0));
    auto* approvals = page->findChild<QLabel*>(QStringLiteral("detailApprovals"));
    QTRY_VERIFY2(approvals->text().startsWith(QStringLiteral("2 of 2 approvals")), qPrintable(approvals->text()));
    QVERIFY(approvals->text().contains(StoreFixture::megan().principal)
            && approvals->text().contains(StoreFixture::lidia().principal));
    // Both approvals carry their approver's signature, checked against the keys they registered.
    auto* signatures = page->findChild<QLabel*>(QStringLiteral("detailSignatures"));
    for (const Actor& approver : {StoreFixture::megan(), StoreFixture::lidia()})
        QTRY_VERIFY2(signatures->text().contains(
                         QStringLiteral("Approved by %1: signature verified (key SHA256:").arg(approver.principal)),
                     qPrintable(signatures->text()));
}

void TestAdminCenter::detailsTellAHandEditedApprovalFromASignedOne()
{
    QString signedId;
    QString editedId;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        signedId = data.pending();
        editedId = data.pending();
        if (signedId.isEmpty() || editedId.isEmpty() || !data.approve(StoreFixture::lidia(), signedId).result())
            return false;
        // Someone with the database file approves the other request in Lidia's name, with her
        // key's fingerprint and a signature made up for it.
        const qint64 now = data.clock().now().toMSecsSinceEpoch();
        return RawDatabase::exec(
            data.path(),
            {QStringLiteral("UPDATE requests SET status = 'Approved', approvals_count = 1, decided_by = "
                            "'lidia@contoso.com', decided_at = %1, access_from = %1, access_until = %1 + 3600000 "
                            "WHERE id = '%2'")
                 .arg(now)
                 .arg(editedId),
             QStringLiteral("INSERT INTO decisions (request_id, seq, kind, actor, actor_role, at, signing_key, "
                            "signed_at, signature) SELECT '%1', 100, kind, actor, actor_role, %2, signing_key, "
                            "signed_at, 'AAAA' || substr(signature, 5) FROM decisions WHERE request_id = '%3' "
                            "AND kind = 'Approve'")
                 .arg(editedId)
                 .arg(now)
                 .arg(signedId)});
    });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    page->applyPreset(RequestListPreset::AccessOpen);
    QTRY_COMPARE(page->model()->rowCount(), 2);
    auto* details = page->findChild<RequestDetailsPane*>();
    auto* signatures = page->findChild<QLabel*>(QStringLiteral("detailSignatures"));
    for (int row = 0; row < 2; ++row) {
        page->table()->setCurrentIndex(page->model()->index(row, 0));
        QTRY_VERIFY(!details->requestId().isEmpty() && details->requestId() == page->model()->requestAt(row)->id);
        if (details->requestId() == signedId)
            QTRY_VERIFY2(signatures->text().contains(QLatin1String("signature verified")),
                         qPrintable(signatures->text()));
        else
            QTRY_VERIFY2(signatures->text().contains(QLatin1String("signature does not verify"))
                             && signatures->text().contains(QLatin1String("does not match the decision as stored")),
                         qPrintable(signatures->text()));
    }
}

void TestAdminCenter::homeCardsOpenTheFilteredList()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        if (!threePending(data, &ids))
            return false;
        data.clock().advanceSeconds(11 * 3600 + 30 * 60); // the first three now lapse within the hour
        return !data.pending().isEmpty();
    });
    f.window().showPage(QStringLiteral("home"));
    auto* expiring = f.window().findChild<QToolButton*>(QStringLiteral("homeExpiring"));
    QTRY_VERIFY(expiring->text().startsWith(QStringLiteral("3\n")));
    QTRY_VERIFY(
        f.window().findChild<QToolButton*>(QStringLiteral("homePending"))->text().startsWith(QStringLiteral("4\n")));
    QTest::mouseClick(expiring, Qt::LeftButton);
    QCOMPARE(f.window().currentPage(), QStringLiteral("requests"));
    RequestTableModel* model = f.window().requestsPage()->model();
    // Exactly the three the card counted, soonest to lapse first.
    QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->query().sortKey, RequestQuery::SortKey::Expires);
    QCOMPARE(model->requestAt(0)->id, ids.last()); // the oldest lapses first
    QVERIFY(f.window()
                .findChild<QLabel*>(QStringLiteral("presetNote"))
                ->text()
                .contains(QStringLiteral("within the hour")));
}

void TestAdminCenter::decidedTodayAndOpenWindowCardsMatchTheirLists()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        // Yesterday: one approved (its window long over). Today: one approved, one denied, one
        // still pending.
        data.clock().set(StoreFixture::start.addDays(-1));
        const QString yesterday = data.pending(60);
        if (yesterday.isEmpty() || !data.approve(StoreFixture::lidia(), yesterday).result())
            return false;
        data.clock().set(StoreFixture::start);
        if (!threePending(data, &ids))
            return false;
        return data.approve(StoreFixture::lidia(), ids.at(0)).result().isOk()
            && data.deny(StoreFixture::lidia(), ids.at(1), QStringLiteral("No")).result().isOk();
    });
    f.window().showPage(QStringLiteral("home"));
    auto* decided = f.window().findChild<QToolButton*>(QStringLiteral("homeDecided"));
    auto* open = f.window().findChild<QToolButton*>(QStringLiteral("homeOpenWindows"));
    QTRY_VERIFY(decided->text().startsWith(QStringLiteral("2\n")));
    QTRY_VERIFY(open->text().startsWith(QStringLiteral("1\n")));
    RequestTableModel* model = f.window().requestsPage()->model();

    QTest::mouseClick(decided, Qt::LeftButton);
    QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
    QCOMPARE(model->rowCount(), 2); // yesterday's approval is not today's
    QSet<QString> shown {model->requestAt(0)->id, model->requestAt(1)->id};
    QCOMPARE(shown, (QSet<QString> {ids.at(0), ids.at(1)}));

    f.window().showPage(QStringLiteral("home"));
    QTest::mouseClick(open, Qt::LeftButton);
    QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->requestAt(0)->id, ids.at(0));
}

void TestAdminCenter::searchFiltersTheTable()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) {
        return threePending(data, &ids) && data.approve(StoreFixture::lidia(), ids.first()).result().isOk();
    });
    RequestsPage* page = f.window().requestsPage();
    QCOMPARE(page->model()->rowCount(), 2); // the two still pending
    const QString reference = page->model()->requestAt(1)->reference;
    auto* search = page->findChild<QLineEdit*>(QStringLiteral("searchBox"));
    QTest::keyClicks(search, reference);
    QTRY_COMPARE(page->model()->query().search, reference);
    QTRY_VERIFY(!page->model()->isLoading());
    QCOMPARE(page->model()->rowCount(), 1);
    QCOMPARE(page->model()->requestAt(0)->reference, reference);

    search->clear();
    QTRY_VERIFY(page->model()->query().search.isEmpty());
    auto* filter = page->findChild<QComboBox*>(QStringLiteral("statusFilter"));
    filter->setCurrentIndex(filter->findText(QStringLiteral("Approved")));
    QCOMPARE(page->model()->query().statuses, QList<RequestStatus> {RequestStatus::Approved});
    QTRY_VERIFY(!page->model()->isLoading() && page->model()->rowCount() > 0);
    QCOMPARE(page->model()->rowCount(), 1);
    QCOMPARE(page->model()->requestAt(0)->id, ids.first());
}

void TestAdminCenter::auditExportAndVerify()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::adele(), [&](StoreFixture& data) { return threePending(data, &ids); });
    f.window().showPage(QStringLiteral("audit"));
    AuditPage* page = f.window().auditPage();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.jsonl"));
    page->setSaveFileChooser([&](QWidget*) { return path; });
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("auditExport")), Qt::LeftButton);
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "auditBanner").contains(QStringLiteral("Exported")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    const int expected = RawDatabase::value(f.data().path(),
                                            QStringLiteral("SELECT COUNT(*) FROM audit WHERE tenant_id = "
                                                           "'contoso.onmicrosoft.com'"))
                             .toInt();
    QCOMPARE(lines.size(), expected);
    QVERIFY(lines.first().startsWith("{\"actor\":"));

    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("auditVerify")), Qt::LeftButton);
    auto* result = page->findChild<QLabel*>(QStringLiteral("auditVerifyResult"));
    QTRY_VERIFY2(result->text().contains(QStringLiteral("intact")), qPrintable(result->text()));
}

void TestAdminCenter::auditVerifyNamesABrokenRecord()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    QVERIFY(RawDatabase::exec(f.data().path(),
                              {QStringLiteral("UPDATE audit SET actor = 'mallory@contoso.com' WHERE seq = 2")}));
    f.window().showPage(QStringLiteral("audit"));
    AuditPage* page = f.window().auditPage();
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("auditVerify")), Qt::LeftButton);
    auto* result = page->findChild<QLabel*>(QStringLiteral("auditVerifyResult"));
    QTRY_VERIFY2(result->text().contains(QStringLiteral("broken at record 2")), qPrintable(result->text()));
}

void TestAdminCenter::rolesPageAddsAnApprover()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    f.window().showPage(QStringLiteral("roles"));
    QWidget* page = f.window().findChild<QWidget*>(QStringLiteral("rolesPage"));
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("rolePrincipal")),
                     QStringLiteral("pradeep@contoso.com"));
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("roleDisplayName")), QStringLiteral("Pradeep Gupta"));
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("addRoleButton")), Qt::LeftButton);
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "rolesBanner").contains(QStringLiteral("pradeep@contoso.com")));
    Result<Actor> resolved
        = f.data().store().resolveActor(Actor {QStringLiteral("pradeep@contoso.com"), StoreFixture::contoso}).result();
    LOCKBOX_VERIFY_OK(resolved);
    QCOMPARE(resolved->role, Role::LockboxApprover);
    auto* table = page->findChild<QTableView*>(QStringLiteral("rolesTable"));
    QTRY_COMPARE(table->model()->rowCount(), 5);

    // Removing asks first; Cancel keeps the role, Yes removes it.
    int row = -1;
    for (int i = 0; i < table->model()->rowCount(); ++i) {
        if (table->model()->index(i, 1).data().toString() == QLatin1String("pradeep@contoso.com"))
            row = i;
    }
    QVERIFY(row >= 0);
    auto removeAndAnswer = [&](QMessageBox::StandardButton answer) {
        table->setCurrentIndex(table->model()->index(row, 0));
        QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("removeRoleButton")), Qt::LeftButton);
        QMessageBox* confirm = nullptr;
        QTRY_VERIFY((confirm = page->findChild<QMessageBox*>(QStringLiteral("confirmRemoveRole"))) != nullptr);
        QTest::mouseClick(confirm->button(answer), Qt::LeftButton);
        QTRY_VERIFY(!page->findChild<QMessageBox*>(QStringLiteral("confirmRemoveRole")));
    };
    removeAndAnswer(QMessageBox::Cancel);
    QVERIFY(f.data()
                .store()
                .resolveActor(Actor {QStringLiteral("pradeep@contoso.com"), StoreFixture::contoso})
                .result()
                .isOk());
    removeAndAnswer(QMessageBox::Yes);
    QTRY_COMPARE(table->model()->rowCount(), 4);
    LOCKBOX_COMPARE_ERROR(
        f.data().store().resolveActor(Actor {QStringLiteral("pradeep@contoso.com"), StoreFixture::contoso}).result(),
        Error::Code::PermissionDenied);
}

void TestAdminCenter::aRoleChangedElsewhereTakesEffectAtOnce()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::lidia(), [&](StoreFixture& data) { return threePending(data, &ids); });
    RequestTableModel* model = f.window().requestsPage()->model();
    QVERIFY(model->index(0, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool());
    // Megan, elsewhere, makes Lidia a reader.
    LOCKBOX_VERIFY_OK(
        f.data()
            .store()
            .setRole(StoreFixture::megan(),
                     RoleAssignment {StoreFixture::contoso, StoreFixture::lidia().principal, {}, Role::Reader})
            .result());
    QTRY_COMPARE(f.session().actor().role, Role::Reader);
    QTRY_VERIFY(!model->isLoading() && model->rowCount() == 3);
    QVERIFY(!model->index(0, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool());
    QTRY_VERIFY(
        f.window().findChild<QLabel*>(QStringLiteral("headerLabel"))->text().contains(QStringLiteral("Reader")));
}

void TestAdminCenter::windowRemembersItsPage()
{
    QString settingsFile;
    {
        LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
        f.window().showPage(QStringLiteral("audit"));
        f.window().close();
        f.settings().sync();
        settingsFile = f.settingsFile();
        AppSettings reread(settingsFile);
        QCOMPARE(reread.lastPage(), QStringLiteral("audit"));
        QVERIFY(!reread.windowGeometry().isEmpty());
        // Nothing secret or personal beyond the window's own state is kept.
        QFile file(settingsFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(!content.contains("megan"));
    }
}

void TestAdminCenter::everyVisibleControlHasAnAccessibleName()
{
    QStringList ids;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan(), [&](StoreFixture& data) { return threePending(data, &ids); });
    QStringList unnamed;
    for (const QString& key : MainWindow::pageKeys()) {
        f.window().showPage(key);
        QTest::qWait(0); // let the page lay out
        for (const QString& control : unnamedControls(&f.window()))
            unnamed << control + QStringLiteral(" on ") + key;
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestAdminCenter::askTheEngineerAndReadTheAnswer()
{
    QString id;
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::lidia(), [&](StoreFixture& data) {
        id = data.pending();
        return !id.isEmpty();
    });
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    page->selectRequest(id);
    auto* details = page->findChild<RequestDetailsPane*>();
    QTRY_COMPARE(details->requestId(), id);
    auto* ask = details->findChild<QPushButton*>(QStringLiteral("detailsAsk"));
    QTRY_VERIFY(ask->isVisible() && ask->isEnabled());
    QTest::keyClick(&f.window(), Qt::Key_E, Qt::AltModifier);
    DecisionDialog* dialog = AdminCenterFixture::waitForDecisionDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), Action::Ask);
    // A question needs words before it can be sent.
    QVERIFY(!confirmButton(dialog)->isEnabled());
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("decisionComment")),
                     QStringLiteral("Which mailbox exactly?"));
    QVERIFY(confirmButton(dialog)->isEnabled());
    QTest::mouseClick(confirmButton(dialog), Qt::LeftButton);
    QTRY_VERIFY(f.storedRequest(id).informationRequested);
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "requestsBanner").contains(QStringLiteral("went to")));
    QTRY_COMPARE(page->model()->index(page->model()->rowOf(id), RequestTableModel::Status).data().toString(),
                 QStringLiteral("Information requested"));
    auto* thread = details->findChild<QLabel*>(QStringLiteral("detailThread"));
    QTRY_VERIFY(thread->text().contains(QStringLiteral("Which mailbox exactly?")));
    QVERIFY(thread->text().contains(QStringLiteral("Waiting for %1").arg(StoreFixture::engineer().principal)));

    // The engineer answers through the operator side: the open pane shows it without a refresh.
    LOCKBOX_VERIFY_OK(f.data()
                          .store()
                          .perform(StoreFixture::engineer(), id, Action::Answer, QStringLiteral("Only joni's mailbox."))
                          .result());
    QTRY_VERIFY(thread->text().contains(QStringLiteral("Only joni's mailbox.")));
    QVERIFY(!thread->text().contains(QStringLiteral("Waiting for")));
    QTRY_COMPARE(page->model()->index(page->model()->rowOf(id), RequestTableModel::Status).data().toString(),
                 QStringLiteral("Pending"));
}

void TestAdminCenter::escalationIsSetOnTheSettingsPageAndShown()
{
    LOCKBOX_ADMIN_CENTER(f, StoreFixture::megan());
    f.window().showPage(QStringLiteral("settings"));
    SettingsPage* settings = f.window().settingsPage();
    auto* backups = settings->findChild<QLineEdit*>(QStringLiteral("backupApprovers"));
    auto* lead = settings->findChild<QSpinBox*>(QStringLiteral("escalationLead"));
    QVERIFY(backups && lead);
    QCOMPARE(lead->value(), TenantSettings::defaultEscalationLeadMinutes);
    backups->setText(QStringLiteral("Diego@contoso.com"));
    lead->setValue(60);
    QTest::mouseClick(settings->findChild<QPushButton*>(QStringLiteral("applyEscalation")), Qt::LeftButton);
    QTRY_VERIFY(settings->confirmation());
    settings->confirmation()->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(f.session().tenantSettings().backupApprovers, QStringList {StoreFixture::diego().principal});
    QCOMPARE(f.session().tenantSettings().escalationLeadMinutes, 60);

    // A request now escalates an hour before it expires, and the table and details say so.
    const QString id = f.data().pending();
    QVERIFY(!id.isEmpty());
    const AccessRequest request = f.storedRequest(id);
    f.data().clock().set(request.escalateAt);
    QCOMPARE(*f.data().store().applyDueTransitions().result(), 1);
    f.window().showPage(QStringLiteral("requests"));
    RequestsPage* page = f.window().requestsPage();
    QTRY_VERIFY(page->model()->rowOf(id) >= 0);
    QTRY_COMPARE(page->model()->index(page->model()->rowOf(id), RequestTableModel::Status).data().toString(),
                 QStringLiteral("Pending, escalated"));
    page->selectRequest(id);
    auto* escalation = page->findChild<QLabel*>(QStringLiteral("detailEscalation"));
    QTRY_VERIFY2(escalation->text().startsWith(QStringLiteral("Escalated to the backup approvers")),
                 qPrintable(escalation->text()));
}
