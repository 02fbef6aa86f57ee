#!/usr/bin/env bash
# Builds the Debian packages from a built tree with CPack, unpacks each into a fresh root and checks
# what is inside: the control fields, the desktop entry, the AppStream metainfo, the man pages,
# lintian, the programs themselves, and that the packaged lockboxd starts on its default
# configuration (only the database moved into a temporary folder) and answers /api/v1/health.
# Usage: test_packages.sh BUILD_DIR VERSION
# Leaves nothing behind: the packages and the root live in a temporary folder, lockboxd is stopped.
set -euo pipefail

build_dir=$1
version=$2
release="$version-1"
arch=$(dpkg --print-architecture)

work=$(mktemp -d)
lockboxd_pid=
cleanup() {
    if [ -n "$lockboxd_pid" ] && kill -0 "$lockboxd_pid" 2>/dev/null; then
        kill -TERM "$lockboxd_pid" 2>/dev/null || true
        wait "$lockboxd_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

step() { printf '== %s\n' "$*"; }
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}
expect_equal() { # what actual expected
    [ "$2" = "$3" ] || fail "$1: expected \"$3\", got \"$2\""
}
expect_contains() { # what text part
    case "$2" in
    *"$3"*) ;;
    *) fail "$1: \"$3\" not found in: $2" ;;
    esac
}

for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli lintian man curl; do
    command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/deps.sh"
done

step "cpack (DEB) from $build_dir"
# Into the temporary folder, so that the build tree's own packages/ stays as it was.
(cd "$work" && cpack --config "$build_dir/CPackConfig.cmake" -B "$work/packages" >"$work/cpack.log" 2>&1) \
    || { cat "$work/cpack.log"; fail "cpack failed"; }
admin_deb="$work/packages/lockbox-admin_${release}_${arch}.deb"
server_deb="$work/packages/lockbox-server_${release}_${arch}.deb"
for deb in "$admin_deb" "$server_deb"; do
    [ -f "$deb" ] || fail "no $(basename "$deb") among: $(ls "$work/packages")"
done

step "control fields"
for deb in "$admin_deb" "$server_deb"; do
    name=$(basename "$deb" | cut -d_ -f1)
    expect_equal "$name Package" "$(dpkg-deb -f "$deb" Package)" "$name"
    expect_equal "$name Version" "$(dpkg-deb -f "$deb" Version)" "$release"
    expect_equal "$name Source" "$(dpkg-deb -f "$deb" Source)" "lockbox"
    expect_contains "$name Depends" "$(dpkg-deb -f "$deb" Depends)" "libqt6sql6-sqlite"
    # dpkg-shlibdeps ran: the Qt libraries the programs link are named with their versions.
    expect_contains "$name Depends" "$(dpkg-deb -f "$deb" Depends)" "libqt6core6 (>= "
    [ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "$name has no Maintainer"
    [ -n "$(dpkg-deb -f "$deb" Homepage)" ] || fail "$name has no Homepage"
done
expect_contains "lockbox-admin Depends" "$(dpkg-deb -f "$admin_deb" Depends)" "libqt6widgets6"
expect_contains "lockbox-server Depends" "$(dpkg-deb -f "$server_deb" Depends)" "adduser"
mkdir "$work/control"
dpkg-deb -e "$server_deb" "$work/control"
expect_equal "lockbox-server conffiles" "$(cat "$work/control/conffiles")" "/etc/lockbox/lockboxd.conf"
for script in postinst prerm postrm; do
    [ -x "$work/control/$script" ] || fail "lockbox-server has no executable $script"
done
expect_contains "postinst" "$(cat "$work/control/postinst")" "adduser --system"

step "unpack into a fresh root"
root="$work/root"
mkdir "$root"
for deb in "$admin_deb" "$server_deb"; do
    dpkg-deb -x "$deb" "$root"
done
for file in usr/bin/lockbox-admin usr/bin/lockboxd usr/bin/lockboxctl \
    usr/share/applications/org.lockbox.AdminCenter.desktop \
    usr/share/metainfo/org.lockbox.AdminCenter.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/org.lockbox.AdminCenter.svg \
    usr/share/man/man1/lockbox-admin.1.gz usr/share/man/man1/lockboxctl.1.gz usr/share/man/man8/lockboxd.8.gz \
    usr/share/doc/lockbox-admin/copyright usr/share/doc/lockbox-server/copyright \
    usr/share/doc/lockbox-admin/changelog.Debian.gz usr/share/doc/lockbox-server/changelog.Debian.gz \
    etc/lockbox/lockboxd.conf; do
    [ -f "$root/$file" ] || fail "/$file is not in the packages"
done
# /lib/systemd/system on Debian 12, /usr/lib/systemd/system where systemd.pc says so.
unit=$(find "$root/lib/systemd/system" "$root/usr/lib/systemd/system" -name lockboxd.service 2>/dev/null | head -n 1 || true)
[ -n "$unit" ] || fail "lockboxd.service is not in the packages"
expect_contains "lockboxd.service" "$(cat "$unit")" "ExecStart=/usr/bin/lockboxd --config /etc/lockbox/lockboxd.conf"
expect_contains "lockboxd.service" "$(cat "$unit")" "User=lockbox"
expect_contains "lockboxd.service" "$(cat "$unit")" "StateDirectory=lockbox"

step "release notes name this version"
expect_contains "changelog.Debian" "$(zcat "$root/usr/share/doc/lockbox-server/changelog.Debian.gz" | head -n 1)" \
    "lockbox ($release)"
expect_contains "metainfo" "$(cat "$root/usr/share/metainfo/org.lockbox.AdminCenter.metainfo.xml")" \
    "<release version=\"$version\""

step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$root/usr/share/applications/org.lockbox.AdminCenter.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.lockbox.AdminCenter.metainfo.xml"

step "man pages render without warnings"
for page in man1/lockbox-admin.1.gz man1/lockboxctl.1.gz man8/lockboxd.8.gz; do
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$root/usr/share/man/$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "$page: $warnings"
done

if command -v systemd-analyze >/dev/null; then
    step "systemd-analyze security: the unit stays sandboxed"
    # Exposure 0 (locked down) to 100 (unprotected); the unit scores about 13.
    systemd-analyze security --offline=yes --threshold=20 --root="$root" lockboxd.service >"$work/security.log" 2>&1 \
        || { cat "$work/security.log"; fail "lockboxd.service lost some of its sandbox"; }
fi

step "lintian: no errors"
lintian_status=0
lintian --fail-on error "$admin_deb" "$server_deb" >"$work/lintian.log" 2>&1 || lintian_status=$?
grep -v '^running with root privileges is not recommended!$' "$work/lintian.log" || true
[ "$lintian_status" -eq 0 ] || fail "lintian reports errors (above)"

step "the programs run from the unpacked root"
# Qt's runtime folder inside ours, so that nothing is left in /tmp.
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
expect_equal "lockbox-admin --version" \
    "$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/lockbox-admin" --version)" "lockbox-admin $version"
# Without a display and without QT_QPA_PLATFORM too: --version and --help must not need one.
expect_equal "lockbox-admin --version (no display)" \
    "$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/lockbox-admin" --version)" \
    "lockbox-admin $version"
expect_equal "lockboxd --version" "$("$root/usr/bin/lockboxd" --version)" "lockboxd $version"
expect_contains "lockboxctl --help" "$("$root/usr/bin/lockboxctl" --help)" "Usage: lockboxctl "

step "the packaged lockboxd starts on its default configuration"
state="$work/state"
mkdir "$state"
sed "s|^database = /var/lib/lockbox/lockboxd.db\$|database = $state/lockboxd.db|" \
    "$root/etc/lockbox/lockboxd.conf" >"$work/lockboxd.conf"
grep -q "^database = $state/lockboxd.db\$" "$work/lockboxd.conf" \
    || fail "the packaged configuration does not say database = /var/lib/lockbox/lockboxd.db"
run_as=()
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
    # As the unit does: an unprivileged user, no new privileges, writing only its state folder.
    chmod 755 "$work"
    chown 65534:65534 "$state"
    run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs)
fi
"${run_as[@]}" env HOME="$state" "$root/usr/bin/lockboxd" \
    --config "$work/lockboxd.conf" --port 0 >"$work/lockboxd.log" 2>&1 &
lockboxd_pid=$!
port=
for _ in $(seq 1 150); do
    port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9]*\)/api/v1$|\1|p' "$work/lockboxd.log")
    [ -n "$port" ] && break
    kill -0 "$lockboxd_pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$port" ] || fail "lockboxd did not start: $(cat "$work/lockboxd.log")"
expect_contains "lockboxd's first line" "$(head -n 1 "$work/lockboxd.log")" "serving $state/lockboxd.db"
status=$(curl -s -o "$work/health.json" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/api/v1/health")
expect_equal "GET /api/v1/health" "$status" "200"
[ -f "$state/lockboxd.db" ] || fail "lockboxd did not create its SQLite store"
kill -TERM "$lockboxd_pid"
code=0
wait "$lockboxd_pid" || code=$?
lockboxd_pid=
expect_equal "lockboxd's exit code after SIGTERM" "$code" "0"

step "all package checks passed"
