#!/usr/bin/env bash
# Attach cost per JVM, whole-process: a program that makes no network call, started RUNS times in each
# configuration, on each JDK given. Prints the median and the spread (min-max) of wall-clock milliseconds, the
# median over no agent, and the median as a multiple of the no-op agent's (the floor any agent pays). The
# configurations take turns, run after run, so that the machine's slower moments fall on all of them alike.
# "record, first JVM" starts each run with an empty class cache folder: Byte Buddy loads and weaves, the libraries
# are copied out of netrec.jar, as in the first JVM on a machine.
#   bash bench/attach.sh [RUNS] [JAVA_HOME...]
#   NETREC_BEFORE=/path/to/other/netrec.jar measures that jar too, beside this build's, in the same turns.
# Needs agent/target/netrec.jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}; shift || true
JDKS=("$@"); [ ${#JDKS[@]} -gt 0 ] || JDKS=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64)
JAR=$PWD/agent/target/netrec.jar
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/hello" "$WORK/noop"
cat > "$WORK/hello/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] args) { System.out.println("hello"); } }
JAVA
cat > "$WORK/noop/NoopAgent.java" <<'JAVA'
public class NoopAgent { public static void premain(String args, java.lang.instrument.Instrumentation inst) { } }
JAVA
printf 'Premain-Class: NoopAgent\n' > "$WORK/noop/manifest.txt"

median_spread() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%6.0f ms  (%d-%d)", m, a[1], a[NR]}'; }
run() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>"$WORK/stderr" || { echo "failed: $*" >&2; cat "$WORK/stderr" >&2; return 1; }
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

for JDK in "${JDKS[@]}"; do
  J=$JDK/bin/java
  "$JDK/bin/javac" -d "$WORK/hello" "$WORK/hello/Hello.java"
  "$JDK/bin/javac" --release 11 -d "$WORK/noop" "$WORK/noop/NoopAgent.java"
  (cd "$WORK/noop" && "$JDK/bin/jar" cfm noop.jar manifest.txt NoopAgent.class)
  CACHE=$WORK/cache-$(basename "$JDK")
  echo "== $("$J" -version 2>&1 | head -1), $RUNS runs each, median (min-max)"
  declare -A CONFIGS=(
    [1-none]=""
    [2-noop-agent]="-javaagent:$WORK/noop/noop.jar"
  )
  for v in now ${NETREC_BEFORE:+before}; do
    [ "$v" = now ] && J_AR=$JAR || J_AR=$NETREC_BEFORE
    CONFIGS[3-netrec-off-$v]="-javaagent:$J_AR=off"
    CONFIGS[4-record-first-JVM-$v]="-javaagent:$J_AR=record,cassette=$WORK/cassette,class-cache=$WORK/cold/classes"
    CONFIGS[5-record-$v]="-javaagent:$J_AR=record,cassette=$WORK/cassette,class-cache=$CACHE-$v"
    CONFIGS[6-replay-$v]="-javaagent:$J_AR=replay,cassette=$WORK/cassette,class-cache=$CACHE-$v"
    "$J" -javaagent:"$J_AR"=record,cassette="$WORK/cassette",class-cache="$CACHE-$v" -cp "$WORK/hello" Hello >/dev/null
  done
  NAMES=$(printf '%s\n' "${!CONFIGS[@]}" | sort)
  for _ in $(seq 1 "$RUNS"); do
    for name in $NAMES; do
      rm -rf "$WORK/cold"
      run "$J" ${CONFIGS[$name]} -cp "$WORK/hello" Hello >> "$WORK/$name.ms"
    done
  done
  NONE=$(median_spread < "$WORK/1-none.ms" | awk '{print $1}')
  NOOP=$(median_spread < "$WORK/2-noop-agent.ms" | awk '{print $1}')
  for name in $NAMES; do
    M=$(median_spread < "$WORK/$name.ms" | awk '{print $1}')
    printf '%s  %+4d ms  %5.2fx no-op  %s\n' "$(median_spread < "$WORK/$name.ms")" "$(( M - NONE ))" \
      "$(awk -v m="$M" -v n="$NOOP" 'BEGIN {print m / n}')" "${name#*-}"
  done
  rm -f "$WORK"/*.ms
  unset CONFIGS
done
