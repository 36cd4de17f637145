#!/usr/bin/env bash
# arm64 (Graviton) smoke test, run on a linux-x86_64 machine through qemu-user:
#   1. Maven itself runs on an arm64 JVM (qemu-aarch64) and resolves token-core's runtime classpath:
#      token-core's pom must pick AmazonCorrettoCryptoProvider's linux-aarch_64 jar there.
#   2. On that classpath an arm64 JVM loads ACCP's native library, reports engine ACCP for the default
#      signer and verifier, and mints a token with a fresh P-384 key (Smoke.java, "mint").
#   3. The x86_64 JVM, with the classpath host Maven resolves (linux-x86_64 jar), verifies that token
#      with the default verifier (also ACCP) ("verify").
# Emulated speed means nothing; this proves only which jar and engine are used and that tokens interoperate.
#
# Usage (from anywhere): token-core/src/test/arm64/smoke.sh
#   Needs token-core/target/token-core-*.jar (e.g. after `mvn verify`; built here if missing), qemu-user and
#   Debian's openjdk-17-jre-headless:arm64 (installed here with apt-get when missing and running as root).
#   MVN_FLAGS (default "-B -q") is passed to every Maven call, e.g. MVN_FLAGS="-B -q -o" to stay offline.
# Prints "arm64-smoke: 3 passed, 0 failed" and exits 0 on success; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../../.."   # token-core
module="$PWD"
cd ..
root="$PWD"
MVN_FLAGS="${MVN_FLAGS:--B -q}"
arm_java=/usr/lib/jvm/java-17-openjdk-arm64/bin/java
start=$(date +%s)

if ! command -v qemu-aarch64 >/dev/null 2>&1 || [ ! -x "$arm_java" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "arm64-smoke: needs qemu-user and openjdk-17-jre-headless:arm64 (install them as root)" >&2
    exit 2
  fi
  echo "arm64-smoke: installing qemu-user and openjdk-17-jre-headless:arm64"
  dpkg --add-architecture arm64
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user openjdk-17-jre-headless:arm64 >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Maven on the arm64 JVM: a JAVA_HOME whose bin/java runs the arm64 java under qemu.
mkdir -p "$work/arm64-home/bin"
cat > "$work/arm64-home/bin/java" <<EOF
#!/bin/sh
exec qemu-aarch64 -L / "$arm_java" "\$@"
EOF
chmod +x "$work/arm64-home/bin/java"

jar="$(ls "$module"/target/token-core-*.jar 2>/dev/null | grep -v -e sources -e javadoc -e tests | head -1 || true)"
if [ -z "$jar" ]; then
  (cd "$root" && mvn $MVN_FLAGS -pl token-core package -DskipTests)
  jar="$(ls "$module"/target/token-core-*.jar | grep -v -e sources -e javadoc -e tests | head -1)"
fi

# token-core's pom names test-support (test scope); Maven resolves every scope for build-classpath.
(cd "$root" && mvn $MVN_FLAGS -pl test-support install -DskipTests -Dspotless.check.skip=true)

classpath() { # $1: output file; Maven runs on whatever JAVA_HOME is set
  (cd "$root" && mvn $MVN_FLAGS -pl token-core \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$1")
}
echo "arm64-smoke: resolving token-core's classpath with Maven on the arm64 JVM (emulated, slow)"
JAVA_HOME="$work/arm64-home" mvn -v | grep -i "os name" | sed 's/^/arm64-smoke: Maven on /'
JAVA_HOME="$work/arm64-home" classpath "$work/cp-arm64.txt"
classpath "$work/cp-x86_64.txt"

passed=0
failed=0
check() { # $1: description, $2: 0 when it held
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "arm64-smoke: ok   $1"
  else failed=$((failed + 1)); echo "arm64-smoke: FAIL $1"; fi
}

r1=1
if grep -q 'AmazonCorrettoCryptoProvider-[^:]*-linux-aarch_64\.jar' "$work/cp-arm64.txt" &&
  ! grep -q 'AmazonCorrettoCryptoProvider-[^:]*-linux-x86_64\.jar' "$work/cp-arm64.txt"; then
  r1=0
fi
check "Maven on aarch64 resolves ACCP's linux-aarch_64 jar (and not the x86_64 one)" "$r1"

mkdir -p "$work/classes" "$work/out"
javac -d "$work/classes" -cp "$jar" "$module/src/test/arm64/Smoke.java"

set +e
qemu-aarch64 -L / "$arm_java" -cp "$work/classes:$jar:$(cat "$work/cp-arm64.txt")" Smoke mint "$work/out"
r2=$?
check "arm64 JVM loads ACCP, signer and verifier engines are ACCP, token minted" "$r2"
r3=1
if [ "$r2" = 0 ]; then
  java -cp "$work/classes:$jar:$(cat "$work/cp-x86_64.txt")" Smoke verify "$work/out"
  r3=$?
fi
set -e
check "x86_64 verifier (ACCP) accepts the arm64-minted token" "$r3"

echo "arm64-smoke: took $(( $(date +%s) - start )) s"
echo "arm64-smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
