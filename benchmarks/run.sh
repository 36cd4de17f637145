#!/usr/bin/env bash
# Runs the whole benchmark suite in one JMH run and writes results/jmh-<mode>-<UTC time>.{json,log,md}.
#   benchmarks/run.sh quick   # 1 fork, 1x1 s warm-up, 2x2 s measured: about 4 minutes on 2 vCPUs
#   benchmarks/run.sh full    # 2 forks, 2x2 s warm-up, 3x3 s measured: about 17 minutes on 2 vCPUs
#   benchmarks/run.sh verify  # TokenVerifyBenchmark only, 1 fork, 2x2 s warm-up, 3x2 s measured: about 3 minutes
# Extra arguments go to JMH (e.g. a benchmark regex: benchmarks/run.sh quick 'TokenReuse'). SKIP_BUILD=1 uses the
# existing benchmarks/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
shift || true
case "$mode" in
  quick) opts=(-f 1 -wi 1 -w 1s -i 2 -r 2s) ;;
  full) opts=(-f 2 -wi 2 -w 2s -i 3 -r 3s) ;;
  verify) opts=(-f 1 -wi 2 -w 2s -i 3 -r 2s TokenVerifyBenchmark) ;;
  *) echo "usage: benchmarks/run.sh [quick|full|verify] [JMH arguments...]" >&2; exit 2 ;;
esac
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
stamp="$(date -u +%Y-%m-%dT%H%M)"
out="benchmarks/results/jmh-$mode-$stamp"
mkdir -p benchmarks/results
{ echo "# $(date -u)"; echo "# nproc: $(nproc)"; lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Hypervisor' || true;
  java -version 2>&1; echo "# java -jar benchmarks/target/benchmarks.jar ${opts[*]} -prof gc $*"; } > "$out.log"
java -jar benchmarks/target/benchmarks.jar "${opts[@]}" -prof gc -rf json -rff "$out.json" "$@" 2>&1 | tee -a "$out.log"
java -cp benchmarks/target/benchmarks.jar dev.ivsplayback.benchmarks.ResultsTable "$out.json" | tee "$out.md"
