# Sourced by the benchmark scripts: compiles bench/java against netrec.jar, makes a certificate the client trusts,
# and defines NETREC_CP (netrec's classes and libraries, for programs that use them without the agent), field,
# median_spread and start_bench_server. Needs ROOT (the repository) and WORK (a scratch folder).
# NETREC_JAR measures another netrec.jar (an older build) in place of this checkout's
JAR=${NETREC_JAR:-$ROOT/agent/target/netrec.jar}
WIREMOCK=$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.9.2/wiremock-standalone-3.9.2.jar
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)
# netrec.jar's classes used as a library (no agent, no `java -jar`): its libraries are the jar nested inside it
mkdir -p "$WORK/classes"
unzip -p "$JAR" META-INF/netrec/libraries.jar > "$WORK/netrec-libraries.jar" 2>/dev/null || rm -f "$WORK/netrec-libraries.jar"
NETREC_CP=$JAR:$WORK/netrec-libraries.jar
javac -cp "$NETREC_CP" -d "$WORK/classes" "$ROOT"/bench/java/*.java "$ROOT"/agent/src/test/java/netrec/it/support/Generated*.java
source "$ROOT/samples/certificate.sh"
make_certificate "$WORK/server.p12" "$WORK/trust.p12" localhost dns:localhost,ip:127.0.0.1
TRUST=(-Djavax.net.ssl.trustStore="$WORK/trust.p12" -Djavax.net.ssl.trustStorePassword=changeit)
CLIENT=(-cp "$WORK/classes" "${TRUST[@]}")
AGENT=-javaagent:$JAR
# The netrec.jars a script measures: this build's ("now"), and NETREC_BEFORE's ("before") beside it; agent VERSION
# prints the -javaagent option of one of them.
VERSIONS=(now)
[ -z "${NETREC_BEFORE:-}" ] || VERSIONS=(before now)
agent() { if [ "$1" = before ]; then echo "-javaagent:$NETREC_BEFORE"; else echo "$AGENT"; fi; }

# The value after the word $1 on each line, as the Java programs here print them ("load-ms 101 interactions ...").
field() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) print $(i + 1)}'; }

median_spread() {
  sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f (%s-%s)", m, a[1], a[NR]}'
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts BenchServer; sets HTTP_PORT, HTTPS_PORT and BENCH_SERVER (its pid).
start_bench_server() {
  HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
  java -Dsun.net.httpserver.nodelay=true -cp "$WORK/classes" BenchServer "$HTTP_PORT" "$HTTPS_PORT" "$WORK/server.p12" changeit > "$WORK/server.log" 2>&1 &
  BENCH_SERVER=$!
  for _ in $(seq 1 100); do grep -q ready "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done
}
