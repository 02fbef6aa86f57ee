#pragma once

#include "connection/ServiceConnection.h"
#include "domain/Actor.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace lockbox {

class AppSettings;
class CredentialVault;
class RemoteStore;

// Where the Admin Center works: a local store file, or a Lockbox service signed in to with user
// name and password, then the one-time code when the service asks for it. A self-signed service
// certificate is shown with its fingerprint and trusted (pinned) only when the admin says so.
// The token (and the password, when the admin asks) go to the keychain; recent connections are
// offered next time. Nothing here blocks: every network step shows a busy state.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectDialog(AppSettings* settings, CredentialVault* vault, QWidget* parent = nullptr);
    ~ConnectDialog() override;

    // Fills in a service to sign in to (from the command line).
    void setService(const ServiceConnection& connection);
    // Signs in with the token the keychain holds for the service filled in, without asking; when
    // there is none or it is no longer good, the dialog asks as usual.
    void signInWithStoredToken();

    // After accept(): the local store file, or else the signed-in service store and person.
    QString localStorePath() const { return m_localPath; }
    std::unique_ptr<RemoteStore> takeRemoteStore();
    Actor actor() const { return m_actor; }
    ServiceConnection connection() const;

private:
    void showRecent(int index);
    void connectNow();
    void signIn();
    void signedIn(const QString& token);
    void offerCertificate(const QString& why);
    void setBusy(const QString& text);
    void showProblem(const QString& text);
    void updateButtons();
    RemoteStore* freshStore();

    AppSettings* m_settings;
    CredentialVault* m_vault;
    QComboBox* m_recent;
    QRadioButton* m_serviceChoice;
    QRadioButton* m_fileChoice;
    QStackedWidget* m_forms;
    QLineEdit* m_url;
    QLineEdit* m_tenant;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLabel* m_codeLabel;
    QLineEdit* m_code;
    QCheckBox* m_rememberPassword;
    QLineEdit* m_file;
    QLabel* m_status;
    QLabel* m_certificate;
    QPushButton* m_trust;
    QPushButton* m_connect;
    QByteArray m_pinned;
    QByteArray m_offeredDigest;
    std::unique_ptr<RemoteStore> m_store;
    QString m_localPath;
    Actor m_actor;
    bool m_busy = false;
};

} // namespace lockbox
