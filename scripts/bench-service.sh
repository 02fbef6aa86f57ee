#!/usr/bin/env bash
# Benchmarks lockboxd on PostgreSQL over loopback and prints the figures: requests per second
# and p50/p99 latency for a page of pending requests and for decisions, 64 concurrent
# connections (wrk), and the decision's statements run straight against PostgreSQL (pgbench) as
# ceilings. Runs in a throwaway PostgreSQL cluster (scripts/with-postgres.sh); needs wrk and
# python3 (for the one-time code), which it installs when missing.
#
#   bash scripts/bench-service.sh [SECONDS] [PENDING_REQUESTS]
#   LOCKBOXD_OPTIONS="--connections 8" bash scripts/bench-service.sh   # lockboxd's own options
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
pending="${2:-60000}"

if [ -z "${LOCKBOX_TEST_PG_URL:-}" ]; then
    bash scripts/deps.sh
    for tool in wrk python3; do
        command -v "$tool" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    done
    bash scripts/build.sh >/dev/null
    exec bash scripts/with-postgres.sh bash "$0" "$@"
fi

build="${LOCKBOX_BUILD_DIR:-build}"
ctl="$build/app/ctl/lockboxctl"
work="$(mktemp -d)"
service_pid=""
cleanup() {
    [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

server="${LOCKBOX_TEST_PG_URL%/*}"
psql "$LOCKBOX_TEST_PG_URL" -qc "CREATE DATABASE lockbox_bench" >/dev/null
db="$server/lockbox_bench"
tenant=contoso.onmicrosoft.com
export LOCKBOX_PASSWORD=correct-horse-battery-staple

"$ctl" --store "$db" tenant add "$tenant" --name "Contoso Ltd" --admin megan@contoso.com >/dev/null
"$ctl" --store "$db" staff add rkumar@ops.example --role engineer >/dev/null
"$ctl" --store "$db" staff add mgarcia@ops.example --role manager >/dev/null
"$ctl" --store "$db" --tenant "$tenant" account add megan@contoso.com >/dev/null
secret=$("$ctl" --store "$db" --tenant "$tenant" --json account enrol-mfa megan@contoso.com \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
"$ctl" --store "$db" --as rkumar@ops.example --tenant operator operator file --for "$tenant" \
    --workload exchange --ticket SR1 --reason "Benchmark" --scope "Mailbox" --duration 60 >/dev/null
first=$("$ctl" --store "$db" --as megan@contoso.com --tenant "$tenant" --json list | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["requests"][0]["id"])')
"$ctl" --store "$db" --as mgarcia@ops.example --tenant operator operator manager-approve "$first" >/dev/null

# Copies of that pending request, written straight into the table (the benchmark measures
# deciding, not filing).
psql "$db" -q <<SQL
INSERT INTO requests (ref_number, id, reference, service_request, tenant_id, workload, requester, reason, scope,
                      duration_minutes, created_at, expires_at, status, approvals_required, approvals_count,
                      manager, manager_decided_at, version)
SELECT 500000 + g, md5('bench' || g), 'EXSR' || (500000 + g), 'SR' || g, r.tenant_id, r.workload, r.requester,
       r.reason, r.scope, r.duration_minutes, r.created_at + g, r.expires_at, 'Pending', 1, 0, r.manager,
       r.manager_decided_at, 1
FROM generate_series(1, $pending) AS g, (SELECT * FROM requests WHERE id = '$first') AS r;
-- A store in use also has history: as many requests decided and closed, with their decisions, so
-- that the planner sees tables of the size they have (a benchmark on an empty decisions table
-- measures plans made for an empty table).
INSERT INTO requests (ref_number, id, reference, service_request, tenant_id, workload, requester, reason, scope,
                      duration_minutes, created_at, expires_at, status, approvals_required, approvals_count,
                      manager, manager_decided_at, decided_by, decided_at, access_from, access_until, version)
SELECT 100000 + g, md5('history' || g), 'EXSR' || (100000 + g), 'SR' || g, r.tenant_id, r.workload, r.requester,
       r.reason, r.scope, r.duration_minutes, r.created_at - 86400000 - g, r.expires_at - 86400000 - g, 'Completed', 1,
       1, r.manager, r.manager_decided_at, 'megan@contoso.com', r.created_at - 86000000 - g,
       r.created_at - 86000000 - g, r.created_at - 82400000 - g, 3
FROM generate_series(1, $pending) AS g, (SELECT * FROM requests WHERE id = '$first') AS r;
INSERT INTO decisions (request_id, seq, kind, actor, actor_role, at, comment)
SELECT id, 1, 'Approve', 'megan@contoso.com', 'GlobalAdministrator', decided_at, '' FROM requests
WHERE status = 'Completed';
ANALYZE;
SQL
psql "$db" -Atc "SELECT id FROM requests WHERE status = 'Pending' ORDER BY random()" >"$work/ids"

port=18480
"$build/app/lockboxd/lockboxd" --database "$db" --port "$port" --endorsement-key "$work/endorsement.key" \
    ${LOCKBOXD_OPTIONS:-} >"$work/lockboxd.log" 2>&1 &
service_pid=$!
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.1
done
code=$(python3 - "$secret" <<'PY'
import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1] + "=" * ((8 - len(sys.argv[1]) % 8) % 8)
h = hmac.new(base64.b32decode(s), struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
)
token=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/sessions" \
    -d "{\"tenant\":\"$tenant\",\"user\":\"megan@contoso.com\",\"password\":\"$LOCKBOX_PASSWORD\",\"code\":\"$code\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# Decisions are signed: Megan registers her key through lockboxd (which endorses it; the sign-in's
# code is her step-up), her key signs every approval up front, and each body carries its own.
LOCKBOX_TOKEN=$token "$ctl" --url "http://127.0.0.1:$port" --as megan@contoso.com --tenant "$tenant" \
    key create "$work/megan.key" >/dev/null
"$ctl" --store "$db" --as megan@contoso.com --tenant "$tenant" \
    key sign --key "$work/megan.key" --action approve --ids "$work/ids" \
    | python3 -c 'import json,sys
for line in sys.stdin:
    d = json.loads(line)
    print(d["id"] + "\t" + json.dumps({"signature": d["signature"]}, separators=(",", ":")))' >"$work/bodies"

cat >"$work/decide.lua" <<LUA
local ids = {}
local bodies = {}
for line in io.lines("$work/bodies") do
    local id, body = line:match("^([^\t]+)\t(.*)$")
    ids[#ids + 1] = id
    bodies[#bodies + 1] = body
end
local counter = 0
local threads = {}
function setup(thread)
    thread:set("offset", #threads)
    table.insert(threads, thread)
end
function init(args)
    counter = offset * math.floor(#ids / 2)
end
request = function()
    counter = counter + 1
    local index = (counter % #ids) + 1
    return wrk.format("POST", "/api/v1/requests/" .. ids[index] .. "/approve",
        {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"}, bodies[index])
end
LUA

summary() { # name, wrk output file
    local rps p50 p99 non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' "$2")
    p50=$(awk '$1 == "50%" {print $2}' "$2")
    p99=$(awk '$1 == "99%" {print $2}' "$2")
    non2xx=$(awk '/Non-2xx/ {print $5}' "$2")
    printf '%-40s %10s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/requests?status=pending&limit=50" >"$work/list.txt"
statements() { psql "$db" -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"; }
kill "$service_pid"
wait "$service_pid" 2>/dev/null || true
"$build/app/lockboxd/lockboxd" --database "$db" --port "$port" --endorsement-key "$work/endorsement.key" \
    ${LOCKBOXD_OPTIONS:-} >>"$work/lockboxd.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
sleep 1.5 # lets PostgreSQL's statistics take in every statement so far
before=$(statements)
wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/decide.lua" "http://127.0.0.1:$port" >"$work/decide.txt"
decided=$(psql "$db" -Atc "SELECT count(*) FROM requests WHERE status = 'Approved'")
kill "$service_pid"
wait "$service_pid" 2>/dev/null || true
service_pid=""
sleep 1.5
# Statements lockboxd ran a decision (each outside a transaction counts, and each transaction).
per_decision=$(( ($(statements) - before) / (decided > 0 ? decided : 1) ))

# The ceilings, straight in PostgreSQL through pgbench, 64 clients: the decision's UPDATE alone;
# the decision's write as lockboxd sends it for one decision (the write lock, the conditional
# update, the decision row and two audit records in one statement, the commit: one round trip);
# and the whole decision, the two reads lockboxd makes first (the session with its role; the
# request with its decisions and the signing key) and then that write.
cat >"$work/update.sql" <<SQL
\set ref random(500001, $((500000 + pending)))
UPDATE requests SET status = 'Approved', decided_by = 'megan@contoso.com', approvals_count = approvals_count + 1,
       version = version + 1 WHERE ref_number = :ref AND version = version;
SQL
tenant_sql="'$tenant'"
cat >"$work/write.sql" <<SQL
\set ref random(500001, $((500000 + pending)))
BEGIN ISOLATION LEVEL READ COMMITTED \; SET LOCAL lock_timeout = '1000ms' \; SELECT pg_advisory_xact_lock(7) \;
WITH updated AS (
    UPDATE requests SET status = 'Approved', decided_by = 'megan@contoso.com', approvals_count = approvals_count + 1,
           version = version + 1
    WHERE ref_number = :ref AND version = version AND EXISTS (SELECT 1 FROM role_assignments
        WHERE tenant_id = $tenant_sql AND principal = 'megan@contoso.com' AND role = 'GlobalAdministrator')
    RETURNING id, version),
decided AS (
    INSERT INTO decisions (request_id, seq, kind, actor, actor_role, at, comment)
    SELECT id, 1000 + version, 'Bench', 'megan@contoso.com', 'GlobalAdministrator', 0, '' FROM updated
    ON CONFLICT DO NOTHING),
audited AS (
    INSERT INTO audit SELECT m + g, m + g, 0, 'megan@contoso.com', 'GlobalAdministrator', 'bench', 'Bench', '', '{}',
           '', '' FROM (SELECT MAX(seq) AS m FROM audit) AS head, generate_series(1, 2) AS g)
SELECT 1 / (SELECT COUNT(*) FROM updated)::integer \;
COMMIT;
SQL
session_hash=$(psql "$db" -Atc "SELECT token_hash FROM sessions LIMIT 1")
fingerprint=$(psql "$db" -Atc "SELECT fingerprint FROM signing_keys LIMIT 1")
{
    echo "\\set ref random(500001, $((500000 + pending)))"
    echo "SELECT s.tenant_id, s.principal, s.created_at, s.expires_at, s.step_up_at, a.totp_secret, r.role"
    echo "    FROM sessions s JOIN accounts a ON a.tenant_id = s.tenant_id AND a.principal = s.principal"
    echo "    LEFT JOIN role_assignments r ON r.tenant_id = s.tenant_id AND r.principal = s.principal"
    echo "    WHERE s.token_hash = '$session_hash';"
    echo "SELECT r.*, d.*, k.* FROM requests r LEFT JOIN decisions d ON d.request_id = r.id"
    echo "    LEFT JOIN signing_keys k ON k.fingerprint = '$fingerprint'"
    echo "    WHERE r.id = 'none' OR r.reference = 'EXSR' || :ref ORDER BY r.ref_number, d.seq;"
    tail -n +2 "$work/write.sql"
} >"$work/whole.sql"
pgbench -n -c64 -j2 -T"$seconds" -f "$work/update.sql" "$db" >"$work/pgbench-update.txt" 2>&1
pgbench -n -c64 -j2 -T"$seconds" -f "$work/write.sql" "$db" >"$work/pgbench-write.txt" 2>&1
pgbench -n -c64 -j2 -T"$seconds" -f "$work/whole.sql" "$db" >"$work/pgbench-whole.txt" 2>&1
ceiling() { # name, pgbench output file
    if grep -q "^tps" "$2"; then
        awk -v name="$1" '/^tps/ {tps = $3} /latency average/ {avg = $4 " " $5}
            END {printf "%-40s %10.0f tps, latency average %s (pgbench)\n", name, tps, avg}' "$2"
    else
        echo "$1: pgbench failed:" && cat "$2"
    fi
}

echo "lockboxd on PostgreSQL, loopback, 64 connections, ${seconds}s each, $(nproc) cores:"
summary "list a page of 50 pending requests" "$work/list.txt"
summary "approve (decision, audited, step-up)" "$work/decide.txt"
echo "  requests decided in the database: $decided (about $per_decision transactions in PostgreSQL each)"
ceiling "the decision's UPDATE alone" "$work/pgbench-update.txt"
ceiling "the decision's write, one round trip" "$work/pgbench-write.txt"
ceiling "the whole decision (two reads, the write)" "$work/pgbench-whole.txt"
