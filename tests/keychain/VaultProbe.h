#pragma once

#include <QString>

// The child process of TestCredentialVault's no-keychain tests (`test_keychain --vault-probe
// SERVICE`): writes the secret in LOCKBOX_PROBE_SECRET with a CredentialVault, reads it back and
// removes it, and prints one line per call, "write|read|remove ok" or "... <code> <message>",
// then "available true|false". Run in a process of its own, because QtKeychain chooses its
// backend once per process.
class VaultProbe
{
public:
    static constexpr const char* argument = "--vault-probe";
    static int run(const QString& serviceName);
};
