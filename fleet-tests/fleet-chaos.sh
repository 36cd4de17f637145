#!/usr/bin/env bash
# The fleet chaos test for a chosen length (issue 13, part 5):
#   fleet-tests/fleet-chaos.sh 10m                 # file store (one directory on this host)
#   fleet-tests/fleet-chaos.sh 10m postgresql      # JDBC store on PostgreSQL
#   fleet-tests/fleet-chaos.sh 10m mariadb --seed 42
# Lengths: 90 (seconds), 90s, 10m, 1h; at least 60 s. The run ends within its length plus about 30 s.
# Builds fleet-tests and the modules it needs (tests skipped), resolves its runtime classpath, then runs the
# driver (dev.ivsplayback.fleet.FleetChaos), which prints kills, rotations, tokens played and refusals as they
# happen and a summary at the end. Member logs go to fleet-tests/target/fleet-runs/<time>/.
# Exit status: 0 if every invariant held, 1 if not, 2 on bad usage.
# Environment: MVN (Maven command, default mvn; e.g. MVN="flock /tmp/mvn.lock mvn" on a shared machine),
# MVN_FLAGS (default "-B -q"; add -o to stay offline), JAVA (java command, default java),
# FLEET_POSTGRES_URL / FLEET_MARIADB_URL (JDBC URLs of other servers; defaults: the local test databases).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  sed -n '2,4p' "$0" | sed 's/^# */usage: /' >&2
  exit 2
fi
length="$1"
shift
MVN="${MVN:-mvn}"
MVN_FLAGS="${MVN_FLAGS:--B -q}"
JAVA="${JAVA:-java}"
run_dir="fleet-tests/target/fleet-runs/$(date -u +%Y%m%dT%H%M%SZ)"

# shellcheck disable=SC2086
$MVN $MVN_FLAGS -Dmaven.test.skip=true -Dspotless.check.skip=true -Dmaven.javadoc.skip=true \
  -Dmaven.source.skip=true -pl fleet-tests -am compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/fleet.classpath -Dmdep.includeScope=runtime
classpath="fleet-tests/target/classes:$(cat fleet-tests/target/fleet.classpath)"
mkdir -p "$run_dir"
echo "fleet-chaos: run directory $run_dir"
exec "$JAVA" -cp "$classpath" dev.ivsplayback.fleet.FleetChaos "$length" "$@" --dir "$run_dir"
