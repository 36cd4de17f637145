#!/usr/bin/env bash
# Builds the published modules twice from clean and compares every jar they attach (main, sources, javadoc)
# byte for byte. Exit 0 when identical. Used by .ci/run; run it yourself after changing the build.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULES=ivs-playback-bom,token-core,ivs-local,ivs-client,keypair-manager,cli
ARGS=(-B -q -o -DskipTests -Dspotless.check.skip=true -pl "$MODULES" -am)
out=$(mktemp -d)
for run in 1 2; do
  mvn "${ARGS[@]}" clean package >"$out/build-$run.log" 2>&1 || { cat "$out/build-$run.log"; exit 1; }
  # The shaded ivs-playback.jar is a convenience, not an artifact; every attached jar is compared.
  find . -path ./benchmarks -prune -o -path ./fuzz-tests -prune -o -path ./test-support -prune -o \
    -path '*/target/*-SNAPSHOT*.jar' -print | sort | xargs sha256sum >"$out/run-$run.sha256"
done
if diff "$out/run-1.sha256" "$out/run-2.sha256"; then
  echo "reproducible: $(wc -l <"$out/run-1.sha256") jars identical across two clean builds"
else
  echo "NOT reproducible: the jars above differ between two clean builds" >&2
  exit 1
fi
