# Sourced by demo.sh and bench/maven-build.sh: builds netrec if needed, makes a certificate, starts the loopback
# Maven repositories (MavenRepositoryServer: ~/.m2/repository as Central, repo-extra/ as a second repository) and
# writes $WORK/settings.xml pointing Maven at them. Needs HERE, ROOT, WORK, NETREC_JAR; sets REPOSITORY, SERVER
# and TRUST, and copies the project into $WORK/project.
WIREMOCK=$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.9.2/wiremock-standalone-3.9.2.jar
SAMPLES_CLASSES=$ROOT/samples/target/classes

if [ ! -f "$NETREC_JAR" ] || [ ! -d "$SAMPLES_CLASSES" ] || [ ! -f "$WIREMOCK" ]; then
  echo "== building netrec (mvn package)"
  (cd "$ROOT" && mvn -q -B -DskipTests package)
fi
rm -rf "$WORK" && mkdir -p "$WORK"
mkdir -p "$WORK/project" && cp -r "$HERE/pom.xml" "$HERE/src" "$WORK/project/"

source "$ROOT/samples/certificate.sh"
make_certificate "$WORK/repo.p12" "$WORK/trust.p12" localhost dns:localhost,ip:127.0.0.1
TRUST="-Djavax.net.ssl.trustStore=$WORK/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit"

java -cp "$SAMPLES_CLASSES:$WIREMOCK" netrec.samples.MavenRepositoryServer 0 "$WORK/repo.p12" changeit \
  maven2="$HOME/.m2/repository" extra="$HERE/repo-extra" > "$WORK/repository.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do grep -q listening "$WORK/repository.log" 2>/dev/null && break; sleep 0.2; done
REPOSITORY=$(grep -o 'https://[^ ]*/maven2' "$WORK/repository.log")
echo "== a Maven repository on $REPOSITORY (standing in for Maven Central)"
cat > "$WORK/settings.xml" <<SETTINGS
<settings>
  <mirrors>
    <mirror><id>loopback-central</id><mirrorOf>central</mirrorOf><url>$REPOSITORY</url></mirror>
  </mirrors>
  <profiles>
    <profile>
      <id>extra</id>
      <repositories>
        <repository>
          <id>extra</id>
          <url>${REPOSITORY%/maven2}/extra</url>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>extra</activeProfile></activeProfiles>
</settings>
SETTINGS
