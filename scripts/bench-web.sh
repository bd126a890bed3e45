#!/usr/bin/env bash
# Load bench of the web app (harmlog serve) with wrk on loopback over a
# store of about 100,000 synthetic incidents: the filtered incident list and
# the tallies. Prints requests/s and latency percentiles per endpoint and
# checks them against the target (2,500 requests/s with p99 under 50 ms).
#
#   scripts/bench-web.sh                       # SQLite store, filled on first use
#   DURATION=30s CONNS=32 scripts/bench-web.sh
#   BENCH_POSTGRES='postgres://postgres@127.0.0.1:5432/bench?sslmode=disable' scripts/bench-web.sh
#
# Settings (environment): INCIDENTS synthetic true incidents to generate
# (102000, which the linker groups into 100,097 incidents); SEED (1);
# THREADS (2), CONNS (16), DURATION (10s) for wrk; BENCH_DIR where the
# binary, the SQLite store and logs are kept (/tmp/harmlog-bench; the
# store is reused by later runs with the same INCIDENTS and SEED);
# BENCH_POSTGRES: also run against this PostgreSQL database, which must be
# empty or filled by an earlier run; GZIP=0 to ask for plain bodies (by
# default requests say "Accept-Encoding: gzip", as browsers do). Needs wrk
# and curl.
#
# Before wrk runs, every request is made once with curl: the "first ms"
# column is what a request costs when its answer is not cached yet (for
# the rotation of 48 filters, the mean over the 48). The incidents are
# counted first, with an uncached tally by week.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

INCIDENTS=${INCIDENTS:-102000}
SEED=${SEED:-1}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
DURATION=${DURATION:-10s}
BENCH_DIR=${BENCH_DIR:-/tmp/harmlog-bench}
LUA=$PWD/scripts/bench-web.lua
GZIP=${GZIP:-1}
ACCEPT=()
CURL_GZ=()
if [[ $GZIP != 0 ]]; then
	ACCEPT=(-H "Accept-Encoding: gzip, deflate")
	CURL_GZ=(--compressed)
fi

for tool in wrk curl go; do
	command -v "$tool" >/dev/null || { echo "bench-web: $tool is not installed (apt-get install -y wrk curl)" >&2; exit 2; }
done
mkdir -p "$BENCH_DIR"
echo "bench-web: building harmlog and the store filler" >&2
go build -o "$BENCH_DIR/harmlog" ./cmd/harmlog
go build -o "$BENCH_DIR/fill" ./internal/webbench/fill

# The requests: name, then paths (several paths are taken in turn).
ENDPOINTS=(
	"incidents filtered|/api/incidents?from=2020-06-01&to=2020-09-30&grade=fair&country=XA&limit=50"
	"incidents 48 filters|$(for c in XA XB XC; do for g in fair weak contested confirmed; do for m in 03 06 09 12; do
		printf '/api/incidents?from=2020-%s-01&to=2021-%s-28&grade=%s&country=%s&limit=50 ' "$m" "$m" "$g" "$c"; done; done; done)"
	"tally by=party|/api/tally?by=party"
	"tally by=place filtered|/api/tally?by=place&country=XB&from=2020-10-01&to=2020-10-31"
	"tally by=day filtered|/api/tally?by=day&country=XA&from=2020-01-01&to=2020-12-31&grade=confirmed,fair"
)

SERVER_PID=
stop_server() {
	if [[ -n $SERVER_PID ]]; then
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=
	fi
}
trap stop_server EXIT

# bench DSN LABEL: fill the store if needed, serve it, run every endpoint.
bench() {
	local dsn=$1 label=$2 log="$BENCH_DIR/serve-$2.log"
	"$BENCH_DIR/fill" -db "$dsn" -incidents "$INCIDENTS" -seed "$SEED" -keep
	"$BENCH_DIR/harmlog" --db "$dsn" serve --addr 127.0.0.1:0 >"$log" 2>&1 &
	SERVER_PID=$!
	local base=
	for _ in $(seq 600); do
		base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)
		[[ -n $base ]] && curl -fs -o /dev/null "$base/api/openapi.json" && break
		kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench-web: the server stopped:" >&2; cat "$log" >&2; exit 1; }
		base=
		sleep 0.1
	done
	[[ -n $base ]] || { echo "bench-web: the server did not answer within 60 s" >&2; exit 1; }
	# The tally's total counts each incident once.
	local t0 t1 incidents
	t0=$(date +%s%N)
	incidents=$(curl -fs "$base/api/tally?by=week" | grep -A2 '"total"' | grep -o '"incidents": [0-9]*' | grep -o '[0-9]*$')
	t1=$(date +%s%N)
	echo
	echo "== $label: $base, $incidents incidents; wrk -t$THREADS -c$CONNS -d$DURATION, gzip $([[ $GZIP != 0 ]] && echo accepted || echo not asked); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "first tally (by=week, uncached): $(((t1 - t0) / 1000000)) ms"
	printf '%-24s %10s %9s %9s %9s %9s %7s  %s\n' endpoint "first ms" "req/s" "p50 ms" "p99 ms" "max ms" errors target
	local e name paths first line fail=0
	for e in "${ENDPOINTS[@]}"; do
		name=${e%%|*}
		read -r -a paths <<<"${e#*|}"
		# Each request once, uncached: what a new query costs.
		first=$(for p in "${paths[@]}"; do curl -fs "${CURL_GZ[@]}" -o /dev/null -w '%{time_total}\n' "$base$p"; done |
			awk '{s += $1} END {printf "%.0f", s * 1000 / NR}')
		line=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "${ACCEPT[@]}" -s "$LUA" "$base${paths[0]}" -- "${paths[@]}" | grep '^RESULT') || {
			echo "bench-web: wrk failed on $name" >&2
			exit 1
		}
		read -r _ rps p50 p99 max _ errs non2xx <<<"$line"
		local ok=pass
		if ((rps < 2500)) || awk -v p="$p99" 'BEGIN {exit !(p >= 50)}' || ((errs + non2xx > 0)); then
			ok=FAIL
			fail=1
		fi
		printf '%-24s %10s %9s %9s %9s %9s %7s  %s\n' "$name" "$first" "$rps" "$p50" "$p99" "$max" "$((errs + non2xx))" "$ok"
	done
	stop_server
	return $fail
}

status=0
bench "$BENCH_DIR/store-$INCIDENTS-$SEED.db" sqlite || status=1
if [[ -n ${BENCH_POSTGRES:-} ]]; then
	bench "$BENCH_POSTGRES" postgres || status=1
fi
exit $status
