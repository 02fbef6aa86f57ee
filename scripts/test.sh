#!/usr/bin/env bash
# Builds everything and runs every test with ctest. Needs no display: GUI tests run on Qt's
# offscreen platform. Whatever a test needs it starts itself and stops again; the store's tests on
# PostgreSQL get a throwaway server from scripts/with-postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh
bash scripts/with-postgres.sh ctest --test-dir "${LOCKBOX_BUILD_DIR:-build}" --output-on-failure --parallel 2 "$@"
