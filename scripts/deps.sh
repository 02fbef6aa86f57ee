#!/usr/bin/env bash
# Installs the Debian 12 packages that Lockbox needs to build, run and test. Idempotent: when
# everything is there already it only checks, and it never upgrades anything.
set -euo pipefail

PACKAGES=(
    cmake ninja-build pkg-config clang-format
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins
    qt6-httpserver-dev qt6-websockets-dev libqt6svg6 libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev libgl-dev
    qt6-translations-l10n
    libsqlite3-dev libsodium-dev liboath-dev libqrencode-dev libcurl4-openssl-dev python3-aiosmtpd
    sqlite3 postgresql openssl fonts-dejavu-core xvfb xauth dbus gnome-keyring libsecret-tools libglib2.0-bin
    dpkg-dev desktop-file-utils appstream lintian man-db systemd curl jq
)

missing=()
for package in build-essential "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing ${#missing[@]} Debian package(s): ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-upgrade build-essential "${PACKAGES[@]}"
