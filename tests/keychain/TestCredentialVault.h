#pragma once

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

// CredentialVault on a real keychain: a gnome-keyring with an unlocked "login" collection on a
// throwaway D-Bus session that scripts/with-keyring.sh starts (ctest runs the test through it),
// in a temporary home (LOCKBOX_TEST_KEYRING_DIR). Then the same vault where no keychain is
// there: no session bus, and a session bus whose keyring has no unlocked collection. Whatever
// happens, no secret is written in plain: every file under the temporary home, the keyring's own
// (encrypted) files included, is read and searched for every secret the tests stored.
class TestCredentialVault : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void accountKeyIsNormalised_data();
    void accountKeyIsNormalised();
    void serviceNameIsTheApplicationsByDefault();
    void writtenSecretsAreReadBack();
    void writeReplacesTheSecret();
    void removedSecretIsNotFound();
    void removingWhatIsNotThereSucceeds();
    void accountsDoNotSeeEachOthersSecrets();
    void serviceNameSeparatesApplications();
    void secretIsAnItemOfTheLoginKeyring();
    void emptySecretIsRefused();
    void signingKeyIsMadeOnceAndKept();
    void noSecretIsWrittenToAnyFile();
    void withoutSessionBusTheVaultIsUnavailable_data();
    void withoutSessionBusTheVaultIsUnavailable();
    void withoutUnlockedKeyringTheVaultIsUnavailable();

private:
    // A secret no test has used before, remembered for the scan of every file.
    QString freshSecret(const QString& what);
    // Runs this executable's vault probe (VaultProbe) in a child process with `environment`.
    QString runProbe(const QStringList& command, const QProcessEnvironment& environment, const QString& secret);

    QString m_keyringDir;
    QStringList m_secrets;
};
