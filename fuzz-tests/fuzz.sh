#!/usr/bin/env bash
# Fuzzes one target for a while:  fuzz-tests/fuzz.sh <TestClass>#<method> <minutes>   (or <seconds>s)
#   e.g. fuzz-tests/fuzz.sh TokenVerifierFuzzTest#verify_signedArbitraryPayload 10
# Jazzer fuzzes when JAZZER_FUZZ is non-empty; the trailing libFuzzer flag overrides the @FuzzTest maxDuration.
# Coverage comes from our own classes and the parsers they drive (bcpkix/ASN.1, Jackson): Jazzer by default only
# instruments classpath directories, i.e. this module's test classes, not the jars of the modules under test.
# New corpus entries go to fuzz-tests/.cifuzz-corpus/ (ignored); a crash is written to
# src/test/resources/dev/ivsplayback/fuzz/<TestClass>Inputs/<method>/ and is then part of the regression run.
set -uo pipefail
target=${1:?usage: fuzz.sh <TestClass>#<method> <minutes>}
minutes=${2:?usage: fuzz.sh <TestClass>#<method> <minutes>}
case "$minutes" in
  *s) seconds=${minutes%s} ;;
  *) seconds=$((minutes * 60)) ;;
esac
if [ "$seconds" -lt 1 ]; then echo "duration must be positive (libFuzzer treats 0 as forever)" >&2; exit 2; fi
cd "$(dirname "$0")/.."
mkdir -p fuzz-tests/target
log=fuzz-tests/target/fuzz-${target//#/-}.log
JAZZER_FUZZ=1 flock /tmp/mvn.lock mvn -B -o -q -pl fuzz-tests test -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest="$target" -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
  -Djazzer.instrumentation_includes='dev.ivsplayback.**:org.bouncycastle.asn1.**:org.bouncycastle.openssl.**:org.bouncycastle.util.io.pem.**:org.bouncycastle.pkcs.**:com.fasterxml.jackson.core.**:com.fasterxml.jackson.databind.**' \
  -Djazzer.internal.arg.2=-print_final_stats=1 2>&1 | tee "$log" | grep -E '^(#[0-9]+ +(DONE|pulse))|^Done [0-9]+ runs|^stat::|Java Exception|FAIL|ERROR' || true
echo "full log: $log"
