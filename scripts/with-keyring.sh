#!/usr/bin/env bash
# Runs a command inside a throwaway D-Bus session bus with an unlocked gnome-keyring: a fresh home
# in a temporary folder (HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR and
# TMPDIR all inside it), `gnome-keyring-daemon --unlock --components=secrets` fed a random
# password on stdin, so that its "login" collection is created, unlocked and the default. The
# keyring is stopped, the session bus closed and the folder removed however the command ends. It
# needs no display and works as root (CI).
#
#   bash scripts/with-keyring.sh build/tests/test_keychain TestCredentialVault
#
# The command sees DBUS_SESSION_BUS_ADDRESS and LOCKBOX_TEST_KEYRING_DIR (the temporary folder
# that holds all of the above: the keychain test scans every file in it for its secrets).
# Exits with the command's exit code.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGUMENTS...]" >&2
    exit 1
fi

fail() {
    echo "with-keyring: $*" >&2
    exit 1
}

need() {
    command -v "$1" >/dev/null 2>&1 || fail "$1 is missing; install the $2 package (bash scripts/deps.sh)"
}
need dbus-run-session dbus
need gnome-keyring-daemon gnome-keyring
need secret-tool libsecret-tools
need gdbus libglib2.0-bin

dir="$(mktemp -d "${TMPDIR:-/tmp}/lockbox-keyring.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$dir/home/.local/share" "$dir/home/.config" "$dir/home/.cache" "$dir/runtime" "$dir/tmp"
chmod 700 "$dir" "$dir/runtime"

export HOME="$dir/home"
export XDG_DATA_HOME="$dir/home/.local/share"
export XDG_CONFIG_HOME="$dir/home/.config"
export XDG_CACHE_HOME="$dir/home/.cache"
export XDG_RUNTIME_DIR="$dir/runtime"
export TMPDIR="$dir/tmp"
export LOCKBOX_TEST_KEYRING_DIR="$dir"
# QtKeychain picks its backend from the desktop (KWallet under KDE): the Secret Service it is here.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_SESSION_VERSION KDE_FULL_SESSION GNOME_DESKTOP_SESSION_ID
unset GNOME_KEYRING_CONTROL DBUS_SESSION_BUS_ADDRESS

# Inside the session: the daemon runs in the foreground as this shell's child, so that it can be
# stopped and waited for by its own pid. Its bus name appears once it serves the Secret Service;
# only then is it asked (asking earlier would make the bus start a second, locked daemon).
inside=$(
    cat <<'EOF'
set -euo pipefail
fail() {
    echo "with-keyring: $*" >&2
    exit 1
}
log="$LOCKBOX_TEST_KEYRING_DIR/gnome-keyring.log"
head -c 24 /dev/urandom | base64 | tr -d '\n' \
    | gnome-keyring-daemon --foreground --unlock --components=secrets >"$log" 2>&1 &
daemon=$!
stop() {
    kill "$daemon" 2>/dev/null || true
    wait "$daemon" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! gdbus wait --session --timeout 30 org.freedesktop.secrets; then
    cat "$log" >&2 || true
    fail "gnome-keyring-daemon did not take the Secret Service's name on the session bus within 30 s (log above)"
fi

# The default collection must be "login", there and unlocked; a round trip through it proves it.
secrets=(--session --dest org.freedesktop.secrets)
alias=$(gdbus call "${secrets[@]}" --object-path /org/freedesktop/secrets \
    --method org.freedesktop.Secret.Service.ReadAlias default)
[[ "$alias" == *"/org/freedesktop/secrets/collection/login'"* ]] \
    || fail "the keyring's default collection is not \"login\" ($alias)"
locked=$(gdbus call "${secrets[@]}" --object-path /org/freedesktop/secrets/collection/login \
    --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked)
[ "$locked" = "(<false>,)" ] || fail "the \"login\" collection is locked ($locked)"
probe="probe-$$-$RANDOM"
printf '%s' "$probe" | timeout 30 secret-tool store --label "with-keyring probe" lockbox-with-keyring "$$" \
    || fail "secret-tool could not store an item in the \"login\" collection"
[ "$(timeout 30 secret-tool lookup lockbox-with-keyring "$$")" = "$probe" ] \
    || fail "secret-tool did not read back the item it stored in the \"login\" collection"
timeout 30 secret-tool clear lockbox-with-keyring "$$" || fail "secret-tool could not remove its probe item"

echo "with-keyring: gnome-keyring $(gnome-keyring-daemon --version | awk '{print $2; exit}'), \"login\" collection unlocked, in $LOCKBOX_TEST_KEYRING_DIR" >&2
status=0
"$@" || status=$?
exit "$status"
EOF
)

status=0
dbus-run-session -- bash -c "$inside" with-keyring "$@" || status=$?
exit "$status"
