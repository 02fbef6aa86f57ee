#!/usr/bin/env bash
# Configures and builds Lockbox into build/ (or $LOCKBOX_BUILD_DIR). Extra arguments are targets.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${LOCKBOX_BUILD_DIR:-build}"
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
if [ $# -gt 0 ]; then
    for target in "$@"; do
        cmake --build "$build_dir" --target "$target"
    done
else
    cmake --build "$build_dir"
fi
