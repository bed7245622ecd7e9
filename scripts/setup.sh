#!/usr/bin/env bash
# Installs everything the project needs to run and test, from package registries only:
#   1. npm dependencies (npm ci / npm install), re-run when package.json or package-lock.json change;
#   2. the Temporal CLI v1.5.1 (dev server), built with `go install` from the Go module proxy;
#   3. Temporal's Java time-skipping test server 1.38.0, fetched from Maven Central with Maven,
#      plus a wrapper .tools/bin/temporal-test-server and an AppCDS archive that makes it start fast;
#   4. for tests and the cluster profile, Debian's PostgreSQL (and Chromium, LibreOffice for tests);
#   5. for tests and the cluster profile (SETUP_FOR=test|cluster), the Temporal server v1.32.1 and
#      its SQL schema tool, built with `go install` (linked as .tools/bin/temporal-server and
#      .tools/bin/temporal-sql-tool).
#
# Idempotent, and quick when everything is present. Built tools are cached outside the clone, in
# ${GN_TOOLS_CACHE:-$HOME/.cache/giam-ngheo-tools}, so fresh clones (CI) reuse them; .tools/bin in
# the clone only holds a symlink and a generated wrapper.
set -euo pipefail

TEMPORAL_CLI_VERSION=v1.5.1
TEMPORAL_SERVER_VERSION=v1.32.1
TEST_SERVER_VERSION=1.38.0
TEST_SERVER_MAIN=io.temporal.testserver.TestServer

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${GN_TOOLS_CACHE:-${HOME:-/tmp}/.cache/giam-ngheo-tools}"
BIN="$ROOT/.tools/bin"

step() { printf 'setup: %-28s %s\n' "$1" "$2"; }
fail() {
  printf 'setup: ERROR: %s\n' "$*" >&2
  exit 1
}
now_ms() { date +%s%3N; }

mkdir -p "$CACHE" "$BIN"
# One setup at a time per cache (two `npm test` runs may start together); instant when uncontended.
exec 9>"$CACHE/.lock"
flock 9

# --- 1. npm dependencies -------------------------------------------------------------------------
npm_hash() {
  cat "$ROOT/package.json" "$ROOT/package-lock.json" 2>/dev/null | sha256sum | cut -c1-64
}
NPM_STAMP="$ROOT/node_modules/.giam-ngheo-setup.sha256"
# npm's own record of the last install; newer than both manifests means someone ran
# `npm install`/`npm ci` by hand since they changed, so nothing needs redoing.
NPM_HIDDEN_LOCK="$ROOT/node_modules/.package-lock.json"
if [[ -d "$ROOT/node_modules" && -f "$NPM_STAMP" && "$(cat "$NPM_STAMP")" == "$(npm_hash)" ]]; then
  step "npm dependencies" "up to date"
elif [[ -f "$NPM_HIDDEN_LOCK" && -x "$ROOT/node_modules/.bin/node" && "$NPM_HIDDEN_LOCK" -nt "$ROOT/package.json" ]] &&
  [[ ! -f "$ROOT/package-lock.json" || ! "$ROOT/package-lock.json" -nt "$NPM_HIDDEN_LOCK" ]]; then
  npm_hash >"$NPM_STAMP"
  step "npm dependencies" "up to date (installed by hand since the manifests changed)"
else
  command -v npm >/dev/null || fail "npm not found: install Node.js 20+ with npm (the project itself runs on the node@24 devDependency)"
  t0=$(now_ms)
  log="$(mktemp)"
  if [[ -f "$ROOT/package-lock.json" ]]; then how="npm ci"; else how="npm install"; fi
  # The lock names every optional platform package (@swc/core's darwin/win32 builds too), so
  # `npm ci` takes it as it is and never rewrites it; CI checks the tree is clean after set-up.
  if ! (cd "$ROOT" && $how --no-audit --no-fund) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    fail "$how failed (output above)"
  fi
  rm -f "$log"
  [[ -x "$ROOT/node_modules/.bin/node" ]] || fail "node_modules/.bin/node missing after $how: the node@24 devDependency's install script did not run (check allowScripts in package.json)"
  npm_hash >"$NPM_STAMP"
  step "npm dependencies" "installed with $how in $(($(now_ms) - t0)) ms"
fi

# --- 2. Temporal CLI (dev server) ----------------------------------------------------------------
CLI_DIR="$CACHE/temporal-cli-$TEMPORAL_CLI_VERSION"
CLI="$CLI_DIR/temporal"
CLI_STAMP="$CLI_DIR/temporal.module-version" # written after `go version -m` confirmed the build

# The module version a Go binary was built from (`go install pkg@vX` records it in the binary).
go_module_version() {
  go version -m "$1" 2>/dev/null | awk '$1 == "mod" && $2 == "github.com/temporalio/cli" { print $3 }'
}
require_go() {
  command -v go >/dev/null || fail "go not found: install Go 1.25+ (https://go.dev/dl/) to build the Temporal CLI $TEMPORAL_CLI_VERSION, or put a built one at $CLI"
  local v
  v="$(go env GOVERSION)" # e.g. go1.26.8
  v="${v#go}"
  local major="${v%%.*}" rest="${v#*.}"
  local minor="${rest%%.*}"
  if ((major < 1 || (major == 1 && minor < 25))); then
    fail "go $v is too old: the Temporal CLI $TEMPORAL_CLI_VERSION needs Go 1.25+"
  fi
}

if [[ -x "$CLI" && -f "$CLI_STAMP" && "$(cat "$CLI_STAMP")" == "$TEMPORAL_CLI_VERSION" ]]; then
  cli_state="cached"
else
  mkdir -p "$CLI_DIR"
  require_go
  # A binary built straight into .tools/bin by hand (before this script cached it) is adopted
  # rather than rebuilt: the build takes minutes.
  if [[ -f "$BIN/temporal" && ! -L "$BIN/temporal" && "$(go_module_version "$BIN/temporal")" == "$TEMPORAL_CLI_VERSION" ]]; then
    mv -f "$BIN/temporal" "$CLI.tmp.$$"
    mv -f "$CLI.tmp.$$" "$CLI"
    cli_state="adopted the binary already in .tools/bin"
  else
    t0=$(now_ms)
    step "temporal CLI $TEMPORAL_CLI_VERSION" "building with go install (takes a few minutes the first time)..."
    gobin="$(mktemp -d "$CLI_DIR/build.XXXXXX")"
    log="$CLI_DIR/go-install.log"
    if ! GOBIN="$gobin" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      rm -rf "$gobin"
      fail "go install github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION failed (full log: $log)"
    fi
    mv -f "$gobin/temporal" "$CLI"
    rm -rf "$gobin"
    cli_state="built in $((($(now_ms) - t0) / 1000)) s"
  fi
  got="$(go_module_version "$CLI")"
  [[ "$got" == "$TEMPORAL_CLI_VERSION" ]] || fail "$CLI reports module version '${got:-unknown}', expected $TEMPORAL_CLI_VERSION"
  echo "$TEMPORAL_CLI_VERSION" >"$CLI_STAMP"
fi
# Cheap proof that the binary runs (a `go install` build calls itself 0.0.0-DEV; the module version
# was checked above). Prints e.g. "temporal version 0.0.0-DEV (Server 1.29.1, UI 2.42.1)".
cli_says="$("$CLI" --version 2>&1)" || fail "$CLI does not run: $cli_says (delete $CLI_DIR and re-run setup)"
if [[ "$(readlink "$BIN/temporal" 2>/dev/null || true)" != "$CLI" ]]; then
  ln -sfn "$CLI" "$BIN/temporal"
fi
step "temporal CLI $TEMPORAL_CLI_VERSION" "$cli_state (${cli_says#temporal version })"

# --- 3. Java time-skipping test server -----------------------------------------------------------
TS_DIR="$CACHE/test-server-$TEST_SERVER_VERSION"
TS_LIB="$TS_DIR/lib"
TS_STAMP="$TS_DIR/.complete"
TS_JAR="$TS_LIB/temporal-test-server-$TEST_SERVER_VERSION.jar"

if [[ -f "$TS_STAMP" && -f "$TS_JAR" ]]; then
  step "test server $TEST_SERVER_VERSION jars" "cached"
else
  command -v mvn >/dev/null || fail "mvn not found: install Maven 3.6+ (e.g. apt-get install maven) to fetch io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central"
  t0=$(now_ms)
  mkdir -p "$TS_DIR"
  tmp="$(mktemp -d "$TS_DIR/lib.XXXXXX")"
  log="$TS_DIR/mvn.log"
  if ! mvn -B -q -f "$ROOT/tools/test-server/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -rf "$tmp"
    fail "mvn could not fetch io.temporal:temporal-test-server:$TEST_SERVER_VERSION (full log: $log)"
  fi
  [[ -f "$tmp/temporal-test-server-$TEST_SERVER_VERSION.jar" ]] || fail "mvn ran but temporal-test-server-$TEST_SERVER_VERSION.jar is not in $tmp"
  rm -rf "$TS_LIB"
  mv "$tmp" "$TS_LIB"
  ls "$TS_LIB" >"$TS_STAMP"
  step "test server $TEST_SERVER_VERSION jars" "fetched with Maven in $(($(now_ms) - t0)) ms"
fi

# The JVM: $JAVA_HOME's if set, else the one on PATH, resolved to a real path so the wrapper and
# its CDS archive stay tied to one JDK.
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(command -v java || true)"
fi
[[ -n "$JAVA" ]] || fail "java not found: install a JDK 17+ (e.g. apt-get install openjdk-17-jre-headless) to run Temporal's time-skipping test server"
JAVA="$(readlink -f "$JAVA")"
JDK_HOME="$(dirname "$(dirname "$JAVA")")"

CLASSPATH_TS="$(find "$TS_LIB" -maxdepth 1 -name '*.jar' | LC_ALL=C sort | paste -sd: -)"
# Fast start: C1 only, serial GC, no perf-data file, and an AppCDS archive of the classes a start
# and a first request load. @temporalio/testing gives the server ~5 s to accept connections.
JVM_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto)

# An archive only fits the JVM build and the exact jars it was dumped from; key it by both, so a
# JDK upgrade or a new jar set gets a fresh one instead of a silently ignored stale one.
jvm_lib="$(find "$JDK_HOME/lib" -maxdepth 2 -name libjvm.so -print -quit 2>/dev/null || true)"
cds_key="$(
  {
    echo "$JAVA"
    [[ -n "$jvm_lib" ]] && stat -c '%s %Y' "$jvm_lib"
    echo "$CLASSPATH_TS"
    stat -c '%s %Y' "$TS_JAR"
    echo "${JVM_FLAGS[*]}"
  } | sha256sum | cut -c1-16
)"
CDS="$TS_DIR/cds/test-server-$cds_key.jsa"

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}
# Starts the test server with extra JVM flags on a free port; sets server_pid, server_port and
# start_ms (ms until it accepted a TCP connection). Fails if it dies or takes over 60 s.
start_and_time() {
  local t0 out=$1
  shift
  server_port="$(free_port)"
  t0=$(now_ms)
  # 9>&-: the server must not hold the setup lock (it would outlive us if we died).
  "$JAVA" "${JVM_FLAGS[@]}" "$@" -cp "$CLASSPATH_TS" "$TEST_SERVER_MAIN" "$server_port" >"$out" 2>&1 9>&- &
  server_pid=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$server_port") 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || (($(now_ms) - t0 > 60000)); then
      kill "$server_pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.01
  done
  start_ms=$(($(now_ms) - t0))
}
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
server_pid=""
trap stop_server EXIT

java_feature="$("$JAVA" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')"
java_major="${java_feature%%.*}"
[[ "$java_major" == 1 ]] && java_major="$(echo "$java_feature" | cut -d. -f2)" # 1.8 -> 8
if [[ -f "$CDS" ]]; then
  step "test server CDS archive" "cached"
elif [[ "$java_major" =~ ^[0-9]+$ ]] && ((java_major >= 13)); then
  mkdir -p "$TS_DIR/cds"
  rm -f "$TS_DIR"/cds/*.jsa # stale archives of other JDKs or jar sets
  tmp_cds="$TS_DIR/cds/.dump.$$.jsa"
  log="$TS_DIR/cds/dump.log"
  ms_plain="?"
  if start_and_time "$log" -XX:ArchiveClassesAtExit="$tmp_cds"; then
    ms_plain=$start_ms
    # Exercise the paths every test hits (health check, start and describe a workflow) so their
    # classes are in the archive too; the workflow never runs (no worker) and that is fine.
    "$CLI" operator cluster health --address "127.0.0.1:$server_port" >/dev/null 2>&1 || true
    "$CLI" workflow start --address "127.0.0.1:$server_port" --type cds-warmup --task-queue cds-warmup \
      --workflow-id cds-warmup >/dev/null 2>&1 || true
    "$CLI" workflow describe --address "127.0.0.1:$server_port" --workflow-id cds-warmup >/dev/null 2>&1 || true
    stop_server # the archive is written during the JVM's orderly exit
  fi
  if [[ -s "$tmp_cds" ]]; then
    mv -f "$tmp_cds" "$CDS"
    ms_cds="?"
    if start_and_time /dev/null -XX:SharedArchiveFile="$CDS"; then ms_cds=$start_ms; fi
    stop_server
    step "test server CDS archive" "built: start-to-listen $ms_plain ms without, $ms_cds ms with"
  else
    rm -f "$tmp_cds"
    step "test server CDS archive" "WARNING: could not be built (see $log); the server will start slower"
  fi
else
  step "test server CDS archive" "skipped: java $java_feature has no dynamic AppCDS (needs 13+)"
fi

# The wrapper @temporalio/testing runs as an 'existing-path' executable: it is called as
# `temporal-test-server <port> [flags]`, and `exec` keeps the JVM's pid the one the SDK kills.
cds_flags=""
if [[ -f "$CDS" ]]; then
  # -Xlog:cds=off: if the archive ever stops matching, start without it rather than print warnings.
  cds_flags="-XX:SharedArchiveFile='$CDS' -Xlog:cds=off -Xlog:cds+dynamic=off "
fi
wrapper="#!/usr/bin/env bash
# Generated by scripts/setup.sh; do not edit (re-run npm run setup instead).
# Temporal's Java time-skipping test server $TEST_SERVER_VERSION, for @temporalio/testing.
# Usage: temporal-test-server <port> [--enable-time-skipping]
exec '$JAVA' ${JVM_FLAGS[*]} ${cds_flags}-cp '$CLASSPATH_TS' $TEST_SERVER_MAIN \"\$@\"
"
if [[ ! -f "$BIN/temporal-test-server" || "$(cat "$BIN/temporal-test-server")"$'\n' != "$wrapper" ]]; then
  printf '%s' "$wrapper" >"$BIN/temporal-test-server.tmp.$$"
  chmod +x "$BIN/temporal-test-server.tmp.$$"
  mv -f "$BIN/temporal-test-server.tmp.$$" "$BIN/temporal-test-server"
  step "test server wrapper" "written to .tools/bin/temporal-test-server (java $java_feature)"
else
  step "test server wrapper" "up to date (java $java_feature)"
fi

# --- 4. Debian packages the tests drive: PostgreSQL (every query on both dialects), Chromium
# (Playwright journeys through the pages) and LibreOffice Calc (the XLSX exports must open in it).
# Only the binaries: tests start their own throwaway servers and processes. `npm start` needs none
# of it (SQLite is the embedded default), so this step runs for the test command only.
# Usage: debian_tool <label> <package> <glob of the binary it provides>
debian_tool() {
  local label=$1 pkg=$2 probe=$3
  if compgen -G "$probe" >/dev/null; then
    step "$label" "present"
  elif [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    local t0 log
    t0=$(now_ms)
    log="$(mktemp)"
    if ! (DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg") >"$log" 2>&1; then
      cat "$log" >&2
      fail "apt-get install $pkg failed (output above)"
    fi
    rm -f "$log"
    step "$label" "installed from Debian ($pkg) in $(($(now_ms) - t0)) ms"
  else
    fail "$label not found ($probe): install Debian's $pkg package (apt-get install $pkg)"
  fi
}
if [[ "${SETUP_FOR:-}" == "test" || "${SETUP_FOR:-}" == "cluster" ]]; then
  debian_tool "postgresql server" postgresql "/usr/lib/postgresql/*/bin/initdb"
fi
if [[ "${SETUP_FOR:-}" == "test" ]]; then
  debian_tool "chromium" chromium "/usr/bin/chromium"
  debian_tool "libreoffice calc" libreoffice-calc-nogui "/usr/bin/soffice"
fi

# --- 5. The Temporal server itself and its schema tool (cluster profile and its tests) ----------
# `npm run start:cluster` and the cluster suites run the server users deploy, on PostgreSQL,
# built from the Go module proxy at a pinned version and cached like the CLI.
if [[ "${SETUP_FOR:-}" == "test" || "${SETUP_FOR:-}" == "cluster" ]]; then
  SRV_DIR="$CACHE/temporal-server-$TEMPORAL_SERVER_VERSION"
  SRV_STAMP="$SRV_DIR/.complete"
  if [[ -x "$SRV_DIR/server" && -x "$SRV_DIR/sql" && -f "$SRV_STAMP" ]]; then
    srv_state="cached"
  else
    require_go
    mkdir -p "$SRV_DIR"
    t0=$(now_ms)
    step "temporal server $TEMPORAL_SERVER_VERSION" "building with go install (about 4 minutes the first time)..."
    gobin="$(mktemp -d "$SRV_DIR/build.XXXXXX")"
    log="$SRV_DIR/go-install.log"
    if ! GOBIN="$gobin" go install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
      "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      rm -rf "$gobin"
      fail "go install go.temporal.io/server@$TEMPORAL_SERVER_VERSION failed (full log: $log)"
    fi
    mv -f "$gobin/server" "$SRV_DIR/server"
    mv -f "$gobin/sql" "$SRV_DIR/sql"
    rm -rf "$gobin"
    echo "$TEMPORAL_SERVER_VERSION" >"$SRV_STAMP"
    srv_state="built in $((($(now_ms) - t0) / 1000)) s"
  fi
  ln -sfn "$SRV_DIR/server" "$BIN/temporal-server"
  ln -sfn "$SRV_DIR/sql" "$BIN/temporal-sql-tool"
  step "temporal server $TEMPORAL_SERVER_VERSION" "$srv_state"
fi
