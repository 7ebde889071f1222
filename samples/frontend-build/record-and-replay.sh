#!/usr/bin/env bash
# Builds this project, whose frontend-maven-plugin (from Maven Central) runs npm install of three packages: Maven and
# the plugin are JVMs, node and npm are not, and go through netrec's proxy. Recorded from an empty local repository
# and an empty npm cache, then rebuilt from the cassette alone with others as empty and no network. Fails unless Maven
# downloaded the same files and npm installed the same ones, byte for byte.
#
#   bash samples/frontend-build/record-and-replay.sh
#
# The plugin is given the machine's node and npm (it would download node from nodejs.org otherwise). Environment:
#   MVN           the Maven that builds it (default mvn)
#   NPM_REGISTRY  the registry npm installs from (default https://registry.npmjs.org/)
#   WORK          scratch folder (default target/frontend-build), emptied first
#   NETREC_JAR    default agent/target/netrec.jar
#   NETREC_JAVA_OPTIONS  options of the launcher's JVM, such as javax.net.ssl.trustStore for a registry whose
#                 certificate the JDK does not trust (the proxy npm goes through takes the launcher's javax.net.ssl.*)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MVN=${MVN:-mvn}
NPM_REGISTRY=${NPM_REGISTRY:-https://registry.npmjs.org/}
WORK=${WORK:-$ROOT/target/frontend-build}
NETREC_JAR=${NETREC_JAR:-$ROOT/agent/target/netrec.jar}
CASSETTE=$WORK/cassette
[ -f "$NETREC_JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)
command -v node > /dev/null && command -v npm > /dev/null || { echo "== this needs node and npm" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK/project/node-home/node/node_modules"
cp "$HERE/pom.xml" "$HERE/package.json" "$WORK/project/"
ln -s "$(command -v node)" "$WORK/project/node-home/node/node"
ln -s "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$WORK/project/node-home/node/node_modules/npm"

build() { # MODE NAME [LAUNCHER OPTIONS...]
  local mode=$1 name=$2
  shift 2
  # shellcheck disable=SC2086 # NETREC_JAVA_OPTIONS holds several options
  (cd "$WORK/project" && java ${NETREC_JAVA_OPTIONS:-} -jar "$NETREC_JAR" "$mode" --cassette "$CASSETTE" "$@" -- \
    env npm_config_cache="$WORK/npm-cache-$name" "$MVN" -B -Dmaven.repo.local="$WORK/repo-$name" \
    -Dnpm.registry="$NPM_REGISTRY" generate-resources > "$WORK/$mode.log" 2>&1) \
    || { tail -40 "$WORK/$mode.log"; echo "== the $mode build failed (log: $WORK/$mode.log)" >&2; exit 1; }
  grep -E "added [0-9]+ packages|BUILD SUCCESS" "$WORK/$mode.log"
}

echo "== recording: $MVN generate-resources (frontend-maven-plugin: npm install) from an empty local repository"
build record recorded
echo "== recorded: $(java -jar "$NETREC_JAR" list "$CASSETTE" | wc -l) interactions"
mv "$WORK/project/node_modules" "$WORK/node_modules-recorded"
rm -f "$WORK/project/package-lock.json"

echo "== replaying with no network, from another empty local repository and npm cache"
build replay replayed --no-network
source "$ROOT/samples/maven-build/same-downloads.sh"
missed_nothing "$CASSETTE"
head -1 "$CASSETTE/.netrec/replay-report.txt"
same_downloads "$WORK/repo-recorded" "$WORK/repo-replayed"
diff -r "$WORK/node_modules-recorded" "$WORK/project/node_modules" >&2 \
  || { echo "== npm installed other files" >&2; exit 1; }
echo "== identical: the $(find "$WORK/project/node_modules" -type f | wc -l) files npm installed"
