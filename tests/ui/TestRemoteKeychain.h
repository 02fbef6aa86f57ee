#pragma once

#include <QObject>

// The Admin Center's secrets in the keychain, with a real lockboxd and a real (throwaway)
// gnome-keyring: run under scripts/with-keyring.sh. A second start signs in from the keychain
// without typing; signing out removes the token; no file the app wrote holds a secret.
class TestRemoteKeychain : public QObject
{
    Q_OBJECT

private slots:
    void restartSignsInFromTheKeychainAndSignOutForgets();
};
