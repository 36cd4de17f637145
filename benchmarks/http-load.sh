#!/usr/bin/env bash
# Loopback HTTP load test of examples/auth-server with wrk (not part of mvn verify): how many token requests per
# second the whole endpoint serves (HTTP, Spring MVC, JSON, identity, channel lookup, minting), per-viewer tokens
# against the same endpoint minting with Nimbus, channel-wide tokens through the reuse cache, and a constant answer.
#
#   benchmarks/http-load.sh          # build, then 2 servers, 4 scenarios x 3 rounds x 20 s: about 7 minutes
#
# Two servers from the built jar, both with the `local` profile (embedded ivs-local, keys in memory) and `loadtest`
# (POST /constant-token): "ours" on PORT_OURS, and "nimbus" (profile `nimbus`: the minter is the Nimbus JOSE+JWT
# baseline on SunEC) on PORT_NIMBUS. Scenarios, each `wrk -t1 -c32 -d20s` on 127.0.0.1:
#   per-viewer    ours   POST /playback-token {"channel":"demo"}, alice (basic auth): a token signed per request
#   nimbus        nimbus the same request, signed by Nimbus
#   channel-wide  ours   POST /playback-token {"channel":"demo","channelWide":true}: the reusing minter
#   constant      ours   POST /constant-token {"channel":"demo"}: the same request, a constant answer (the ceiling)
# After one warm-up run of each, every round runs all four, per-viewer and nimbus back to back in alternating order
# (then channel-wide and constant), so each ratio compares two neighbouring 20 s slices: this machine's speed drifts
# over minutes. Before and after the load, each server's token is played on its ivs-local (200) and a tampered one
# refused (403). Every server started here is stopped on exit (trap), whatever happens.
#
# Environment: ROUNDS (3), SECONDS_PER_RUN (20, 20..30), WARMUP_SECONDS (20), CONNECTIONS (32), PORT_OURS (18080),
# PORT_NIMBUS (18081), JAVA (java), SERVER_JAVA_OPTS (none), SKIP_BUILD=1 (use the existing jar).
# Writes benchmarks/results/http-load-<UTC time>.log (machine, JDK, commands, every wrk output) and .md (tables).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"
WARMUP_SECONDS="${WARMUP_SECONDS:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
PORT_OURS="${PORT_OURS:-18080}"
PORT_NIMBUS="${PORT_NIMBUS:-18081}"
JAVA="${JAVA:-java}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-}"
LUA="benchmarks/http-load/post-token.lua"

die() { echo "http-load: $*" >&2; exit 1; }

# Bounded: at most 10 rounds of 4 runs of at most 30 s.
[[ "$ROUNDS" =~ ^[0-9]+$ ]] && (( ROUNDS >= 1 && ROUNDS <= 10 )) || die "ROUNDS must be 1..10, was '$ROUNDS'"
[[ "$SECONDS_PER_RUN" =~ ^[0-9]+$ ]] && (( SECONDS_PER_RUN >= 20 && SECONDS_PER_RUN <= 30 )) \
  || die "SECONDS_PER_RUN must be 20..30, was '$SECONDS_PER_RUN'"
[[ "$WARMUP_SECONDS" =~ ^[0-9]+$ ]] && (( WARMUP_SECONDS >= 5 && WARMUP_SECONDS <= 60 )) \
  || die "WARMUP_SECONDS must be 5..60, was '$WARMUP_SECONDS'"

# wrk from Debian's packages: install it when missing and we can, otherwise say how.
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "http-load: installing wrk (apt-get install -y wrk)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
      || die "could not install wrk with apt-get; install it (Debian/Ubuntu: apt-get install wrk) and rerun"
  fi
  command -v wrk >/dev/null 2>&1 || die "wrk is not installed; install it (Debian/Ubuntu: apt-get install wrk) and rerun"
fi
for tool in curl python3 "$JAVA"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done
for port in "$PORT_OURS" "$PORT_NIMBUS"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is already in use; set PORT_OURS / PORT_NIMBUS"
  fi
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl examples/auth-server -am package -DskipTests
fi
jar="$(ls examples/auth-server/target/example-auth-server-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)"
[ -n "$jar" ] || die "no examples/auth-server/target/example-auth-server-*.jar; build it (or drop SKIP_BUILD=1)"

stamp="$(date -u +%Y-%m-%dT%H%M)"
out="benchmarks/results/http-load-$stamp"
mkdir -p benchmarks/results
work="$(mktemp -d)"
log="$out.log"

# --- servers, stopped on every exit --------------------------------------------------------------------------------
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server() { # name port profiles
  # shellcheck disable=SC2086
  "$JAVA" $SERVER_JAVA_OPTS -jar "$jar" --spring.profiles.active="$3" --server.port="$2" >"$work/$1.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$work/$1.pid"
}

post() { # port path body -> body on stdout; fails on a non-200
  curl -sS --fail-with-body -u alice:alice -H 'Content-Type: application/json' -d "$3" "http://127.0.0.1:$1$2"
}

wait_ready() { # name port: the server answers and its demo channel exists (created after startup)
  local i
  for i in $(seq 1 240); do
    kill -0 "$(cat "$work/$1.pid")" 2>/dev/null || { tail -n 40 "$work/$1.log" >&2; die "server $1 exited during startup"; }
    if post "$2" /playback-token '{"channel":"demo"}' >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  tail -n 40 "$work/$1.log" >&2
  die "server $1 not ready after 120 s"
}

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# A token from the endpoint plays on the server's ivs-local (200); the same URL with its signature changed does not.
check_plays() { # name port body
  local url tampered code bad
  url="$(post "$2" /playback-token "$3" | json_field playbackUrl)" || die "$1: the endpoint answered no token"
  code="$(curl -s -o /dev/null -w '%{http_code}' "$url")"
  bad=AA; [[ "$url" == *AA ]] && bad=BB
  tampered="${url%??}$bad"
  [ "$code" = 200 ] || die "$1: the playback URL answered $code, not 200"
  code="$(curl -s -o /dev/null -w '%{http_code}' "$tampered")"
  [ "$code" = 403 ] || die "$1: the tampered playback URL answered $code, not 403"
  echo "check $1 $3: plays 200, tampered 403" | tee -a "$log"
}

check_all() {
  check_plays per-viewer "$PORT_OURS" '{"channel":"demo"}'
  check_plays channel-wide "$PORT_OURS" '{"channel":"demo","channelWide":true}'
  check_plays nimbus "$PORT_NIMBUS" '{"channel":"demo"}'
  post "$PORT_OURS" /constant-token '{"channel":"demo"}' >/dev/null || die "constant endpoint failed"
}

{
  echo "# benchmarks/http-load.sh, $(date -u)"
  echo "# commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
  echo "# nproc: $(nproc)"
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Hypervisor' || true
  echo "# memory: $(free -g | awk '/^Mem/ {print $2}') GiB"
  "$JAVA" -version 2>&1
  wrk --version 2>&1 | head -n 1 || true
  echo "# jar: $jar; server JVM options: ${SERVER_JAVA_OPTS:-(defaults)}"
  echo "# ours:   $JAVA -jar $jar --spring.profiles.active=local,loadtest --server.port=$PORT_OURS"
  echo "# nimbus: $JAVA -jar $jar --spring.profiles.active=local,loadtest,nimbus --server.port=$PORT_NIMBUS"
  echo "# wrk -t1 -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency -s $LUA URL -- BODY alice:alice"
  echo "# rounds: $ROUNDS, warm-up ${WARMUP_SECONDS}s per scenario"
} | tee "$log"

start_server ours "$PORT_OURS" local,loadtest
start_server nimbus "$PORT_NIMBUS" local,loadtest,nimbus
wait_ready ours "$PORT_OURS"
wait_ready nimbus "$PORT_NIMBUS"
curl -s "http://127.0.0.1:$PORT_OURS/actuator/info" | tee -a "$log"; echo | tee -a "$log"
check_all

# --- load ----------------------------------------------------------------------------------------------------------
scenario_url() {
  case "$1" in
    per-viewer | channel-wide) echo "http://127.0.0.1:$PORT_OURS/playback-token" ;;
    nimbus) echo "http://127.0.0.1:$PORT_NIMBUS/playback-token" ;;
    constant) echo "http://127.0.0.1:$PORT_OURS/constant-token" ;;
  esac
}
scenario_body() {
  case "$1" in
    channel-wide) echo '{"channel":"demo","channelWide":true}' ;;
    *) echo '{"channel":"demo"}' ;;
  esac
}
scenario_pid() { if [ "$1" = nimbus ]; then cat "$work/nimbus.pid"; else cat "$work/ours.pid"; fi; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Busy, total and stolen jiffies of the whole machine (steal: time the hypervisor gave to other guests).
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $9}' /proc/stat; }
hz="$(getconf CLK_TCK)"
results="$work/results.tsv"
: >"$results"

run() { # round scenario seconds
  local pid url body before after m0 m1 m0total m1total s0 s1 t0 t1 output line
  pid="$(scenario_pid "$2")"
  url="$(scenario_url "$2")"
  body="$(scenario_body "$2")"
  before="$(cpu_ticks "$pid")"; read -r m0 m0total s0 < <(machine_busy); t0="$(date +%s.%N)"
  TIMEFORMAT='%U %S'
  { time wrk -t1 -c"$CONNECTIONS" -d"$3"s --latency -s "$LUA" "$url" -- "$body" alice:alice >"$work/wrk.out" 2>&1; } \
    2>"$work/wrk.time" || die "wrk failed for $2: $(cat "$work/wrk.out")"
  after="$(cpu_ticks "$pid")"; read -r m1 m1total s1 < <(machine_busy); t1="$(date +%s.%N)"
  output="$(cat "$work/wrk.out")"
  { echo "## round $1, $2: $url $body"; echo "$output"; } >>"$log"
  line="$(grep '^RESULT ' <<<"$output")" || die "wrk printed no RESULT line for $2 (see $log)"
  # Cores used during the run: by the server under load, by wrk, and by everything else on the machine (other
  # processes: a run where they took a noticeable share is flagged in the summary).
  local server_cores wrk_cores machine_cores other_cores steal_cores
  server_cores="$(awk -v a="$before" -v b="$after" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
    'BEGIN {printf "%.2f", (b - a) / hz / (t1 - t0)}')"
  wrk_cores="$(awk -v t0="$t0" -v t1="$t1" '{printf "%.2f", ($1 + $2) / (t1 - t0)}' "$work/wrk.time")"
  machine_cores="$(awk -v a="$m0" -v b="$m1" -v ta="$m0total" -v tb="$m1total" -v n="$(nproc)" \
    'BEGIN {printf "%.2f", n * (b - a) / (tb - ta)}')"
  other_cores="$(awk -v m="$machine_cores" -v s="$server_cores" -v w="$wrk_cores" \
    'BEGIN {o = m - s - w; printf "%.2f", o < 0 ? 0 : o}')"
  steal_cores="$(awk -v a="$s0" -v b="$s1" -v ta="$m0total" -v tb="$m1total" -v n="$(nproc)" \
    'BEGIN {printf "%.2f", n * (b - a) / (tb - ta)}')"
  local cores="server_cores=$server_cores wrk_cores=$wrk_cores other_cores=$other_cores"
  cores+=" steal_cores=$steal_cores machine_cores=$machine_cores"
  echo "$line $cores" >>"$log"
  printf '%s\t%s\t%s %s\n' "$1" "$2" "${line#RESULT }" "$cores" >>"$results"
  printf 'round %s %-13s %s %s\n' "$1" "$2" "${line#RESULT }" "$cores" >&2
}

echo "warm-up: ${WARMUP_SECONDS}s per scenario" >&2
for s in per-viewer nimbus channel-wide constant; do run warmup "$s" "$WARMUP_SECONDS"; done
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 == 1 )); then order=(per-viewer nimbus channel-wide constant); else order=(nimbus per-viewer constant channel-wide); fi
  for s in "${order[@]}"; do run "$r" "$s" "$SECONDS_PER_RUN"; done
done
check_all

# --- summary -------------------------------------------------------------------------------------------------------
python3 - "$results" "$out.md" "$stamp" "$CONNECTIONS" "$SECONDS_PER_RUN" <<'PY'
import statistics, sys
path, md, stamp, conns, secs = sys.argv[1:6]
rows = []
for line in open(path):
    rnd, scen, fields = line.rstrip("\n").split("\t")
    d = {k: float(v) for k, v in (kv.split("=") for kv in fields.split())}
    d.update(round=rnd, scenario=scen)
    rows.append(d)
measured = [r for r in rows if r["round"] != "warmup"]
bad = [r for r in rows if r["non2xx"] or r["errors"]]
order = ["per-viewer", "nimbus", "channel-wide", "constant"]
def by(s): return [r for r in measured if r["scenario"] == s]
med = lambda xs: statistics.median(xs)
rounds = sorted({r["round"] for r in measured}, key=int)
def rps(s, rnd): return next(r["rps"] for r in measured if r["scenario"] == s and r["round"] == rnd)
out = []
w = out.append
w(f"## Loopback load, {stamp} UTC (wrk -t1 -c{conns}, {secs} s per run, {len(rounds)} rounds)\n")
w("| Scenario | requests/s (median) | per round | p50 ms | p99 ms | p99.9 ms | server CPU µs/request | server cores | wrk cores | other cores | stolen cores |")
w("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for s in order:
    xs = by(s)
    each = " / ".join("{:,.0f}".format(r["rps"]) for r in xs)
    w(f"| {s} | {med([r['rps'] for r in xs]):,.0f} | {each} "
      f"| {med([r['p50_ms'] for r in xs]):.2f} | {med([r['p99_ms'] for r in xs]):.2f} | {med([r['p999_ms'] for r in xs]):.2f} "
      f"| {med([r['server_cores'] / r['rps'] * 1e6 for r in xs]):,.0f} "
      f"| {med([r['server_cores'] for r in xs]):.2f} | {med([r['wrk_cores'] for r in xs]):.2f} "
      f"| {max(r['other_cores'] for r in xs):.2f} (max) | {max(r['steal_cores'] for r in xs):.2f} (max) |")
w("")
w("Latencies are each scenario's median over the rounds of wrk's percentile; a ratio below is the median of the")
w("per-round ratios (both sides measured in the same round, back to back).\n")
w("| Ratio | median | per round |")
w("|---|---:|---|")
for name, a, b in [("per-viewer ÷ nimbus", "per-viewer", "nimbus"),
                   ("per-viewer ÷ constant", "per-viewer", "constant"),
                   ("channel-wide ÷ constant", "channel-wide", "constant"),
                   ("nimbus ÷ constant", "nimbus", "constant")]:
    rs = [rps(a, rnd) / rps(b, rnd) for rnd in rounds]
    each = " / ".join("{:.2f}".format(x) for x in rs)
    w(f"| {name} | {med(rs):.2f}× | {each} |")
busy = [r for r in measured if r["other_cores"] > 0.15 or r["steal_cores"] > 0.15]
if busy:
    w(f"\n**Disturbed**: in {len(busy)} run(s) other processes or other guests (steal) took more than 0.15 cores: "
      + ", ".join(f"round {r['round']} {r['scenario']} (other {r['other_cores']:.2f}, stolen {r['steal_cores']:.2f})"
                  for r in busy) + ".")
if bad:
    w(f"\n**{len(bad)} run(s) had non-2xx answers or socket errors**: see the .log.")
text = "\n".join(out) + "\n"
open(md, "w").write(text)
print(text)
sys.exit(1 if bad else 0)
PY
echo "http-load: wrote $log and $out.md" >&2
