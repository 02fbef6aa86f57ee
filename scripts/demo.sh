#!/usr/bin/env bash
# Builds the Admin Center and opens it on a fresh training demo store (simulated data, a
# temporary file; nothing else is touched). Extra arguments go to lockbox-admin.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh lockbox-admin
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "lockbox-admin is built, but there is no display to show it on." >&2
    echo "Run this from a desktop session, or e.g. 'xvfb-run -a bash scripts/demo.sh' to try it headless." >&2
    exit 1
fi
exec "${LOCKBOX_BUILD_DIR:-build}/app/admin/lockbox-admin" --demo "$@"
