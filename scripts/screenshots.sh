#!/usr/bin/env bash
# Regenerates the README's pictures: every page of the Admin Center on a fresh training demo, saved
# as docs/screenshots/light/*.png and dark/*.png (English, light and dark palette) and arabic/*.png
# (Arabic, right to left). Builds lockbox-admin first when needed (build/, or $LOCKBOX_BUILD_DIR).
# Runs offscreen: no display is needed, and nothing of yours is read or written (the window's size,
# page and language come from a settings folder of its own). Extra arguments go to every
# lockbox-admin run; QT_SCALE_FACTOR=2 bash scripts/screenshots.sh makes the pictures at 200 %.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh lockbox-admin
admin="${LOCKBOX_BUILD_DIR:-build}/app/admin/lockbox-admin"
out=docs/screenshots

config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
mkdir -m 700 "$config/runtime"

shoot() {
    local folder=$1
    shift
    rm -rf "${out:?}/$folder"
    XDG_CONFIG_HOME="$config/$folder" XDG_RUNTIME_DIR="$config/runtime" QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false' \
        LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= TZ=UTC \
        "$admin" --demo --screenshots "$out/$folder" "$@"
}

# English in the C locale: the system's language here, with ISO dates.
shoot light --palette light "$@"
shoot dark --palette dark "$@"
shoot arabic --palette light --language ar "$@"
