#!/usr/bin/env bash
# neo4j.sh runs a real Neo4j Community server on 127.0.0.1 for tests, with
# no Docker: the server's jars come from Maven Central through Maven and
# are cached, with the database, in one directory.
#
#   scripts/neo4j.sh start    resolve the jars (first run), start, wait for Bolt
#   scripts/neo4j.sh stop     stop the server started by this script
#   scripts/neo4j.sh status   say whether it runs; exit 0 if it does, 3 if not
#   scripts/neo4j.sh env      print the ENTENTE_TEST_NEO4J_* exports for tests
#   scripts/neo4j.sh wipe     stop it and delete its data (the jars stay)
#
# Tests use it as:  scripts/neo4j.sh start && eval "$(scripts/neo4j.sh env)"
#
# Settings (environment):
#   NEO4J_VERSION        server version, default 5.26.21 (the 5.26 LTS line, Java 17)
#   NEO4J_HOME           cache and data dir, default ~/.cache/entente/neo4j-$NEO4J_VERSION
#   NEO4J_BOLT_PORT      Bolt port on 127.0.0.1, default 7687
#   NEO4J_PASSWORD       password of user neo4j, default entente-test (8+ characters)
#   NEO4J_HEAP           JVM heap, default 512m
#   NEO4J_PAGECACHE      page cache, default 256m
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt, default 180
#
# Needs Java 17 or newer, Maven, and Maven Central (first run only).
set -euo pipefail

NEO4J_VERSION=${NEO4J_VERSION:-5.26.21}
NEO4J_HOME=${NEO4J_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/entente/neo4j-$NEO4J_VERSION}
NEO4J_BOLT_PORT=${NEO4J_BOLT_PORT:-7687}
NEO4J_PASSWORD=${NEO4J_PASSWORD:-entente-test}
NEO4J_HEAP=${NEO4J_HEAP:-512m}
NEO4J_PAGECACHE=${NEO4J_PAGECACHE:-256m}
NEO4J_START_TIMEOUT=${NEO4J_START_TIMEOUT:-180}

LIB=$NEO4J_HOME/lib
CONF=$NEO4J_HOME/conf
DATA=$NEO4J_HOME/data
LOGS=$NEO4J_HOME/logs
RUN=$NEO4J_HOME/run
PIDFILE=$RUN/entente-neo4j.pid
CONSOLE=$LOGS/console.log

say() { echo "neo4j.sh: $*" >&2; }
die() {
	say "$*"
	exit 1
}

running_pid() {
	[[ -f $PIDFILE ]] || return 1
	local pid
	pid=$(<"$PIDFILE")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	# A recycled pid is not our server.
	grep -q CommunityEntryPoint "/proc/$pid/cmdline" 2>/dev/null || return 1
	echo "$pid"
}

# bolt_answers sends the Bolt handshake (magic 0x6060B017 and four version
# proposals, 5.x first) and succeeds when the server agrees on a version.
bolt_answers() {
	local reply
	reply=$(
		exec 2>/dev/null
		exec 3<>"/dev/tcp/127.0.0.1/$NEO4J_BOLT_PORT" || exit 1
		printf '\x60\x60\xb0\x17\x00\x04\x04\x05\x00\x00\x04\x04\x00\x00\x00\x04\x00\x00\x00\x03' >&3
		timeout 5 head -c 4 <&3 | od -An -tx1 | tr -d ' \n'
	) 2>/dev/null || return 1
	[[ -n $reply && $reply != 00000000 ]]
}

check_tools() {
	command -v java >/dev/null || die "java not found: install a JDK 17 or newer (apt-get install openjdk-17-jdk-headless)."
	command -v mvn >/dev/null || die "mvn not found: install Maven (apt-get install maven)."
	local v
	v=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
	[[ ${v%%.*} -ge 17 ]] 2>/dev/null || die "Neo4j $NEO4J_VERSION needs Java 17 or newer; java is $v."
}

# resolve copies the server and its dependencies from Maven Central into
# $LIB once; a marker file says the copy completed.
resolve() {
	[[ -f $LIB/.complete ]] && return 0
	mkdir -p "$NEO4J_HOME"
	local build=$NEO4J_HOME/maven
	mkdir -p "$build"
	# org.neo4j:neo4j is the Community edition: kernel, Cypher, Bolt, and
	# org.neo4j.app:neo4j-server; its jar holds the entry point
	# org.neo4j.server.CommunityEntryPoint and the admin tool's commands.
	cat >"$build/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>entente</groupId>
  <artifactId>neo4j-test-server</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>$NEO4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
	say "resolving Neo4j $NEO4J_VERSION from Maven Central into $LIB (first run; a few minutes)..."
	rm -rf "$LIB"
	if ! mvn -B -q -f "$build/pom.xml" dependency:copy-dependencies \
		-DincludeScope=runtime -DoutputDirectory="$LIB" >"$build/mvn.log" 2>&1; then
		tail -n 40 "$build/mvn.log" >&2
		die "Maven could not resolve org.neo4j:neo4j:$NEO4J_VERSION (log: $build/mvn.log)."
	fi
	[[ -f $LIB/neo4j-$NEO4J_VERSION.jar ]] || die "Maven finished but $LIB/neo4j-$NEO4J_VERSION.jar is missing."
	touch "$LIB/.complete"
}

write_conf() {
	mkdir -p "$CONF" "$DATA" "$LOGS" "$RUN"
	cat >"$CONF/neo4j.conf" <<EOF
# Written by scripts/neo4j.sh; rewritten on every start.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$NEO4J_BOLT_PORT
server.bolt.advertised_address=127.0.0.1:$NEO4J_BOLT_PORT
server.bolt.tls_level=DISABLED
server.http.enabled=false
server.https.enabled=false
server.directories.data=$DATA
server.directories.logs=$LOGS
server.directories.run=$RUN
server.directories.plugins=$NEO4J_HOME/plugins
server.directories.import=$NEO4J_HOME/import
server.memory.heap.initial_size=$NEO4J_HEAP
server.memory.heap.max_size=$NEO4J_HEAP
server.memory.pagecache.size=$NEO4J_PAGECACHE
db.memory.transaction.total.max=256m
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
db.tx_log.rotation.retention_policy=1 files
EOF
}

admin() {
	NEO4J_HOME=$NEO4J_HOME NEO4J_CONF=$CONF \
		java -cp "$LIB/*" org.neo4j.cli.AdminTool "$@"
}

# set_password sets the initial password of user neo4j before the first
# start; afterwards the stored one stands, so a changed NEO4J_PASSWORD needs
# a wipe.
set_password() {
	local stamp=$NEO4J_HOME/password
	if [[ -f $DATA/dbms/auth.ini || -d $DATA/databases/system ]]; then
		if [[ -f $stamp && $(<"$stamp") != "$NEO4J_PASSWORD" ]]; then
			die "the database in $DATA was created with another password; run '$0 wipe' first or set NEO4J_PASSWORD to it."
		fi
		return 0
	fi
	((${#NEO4J_PASSWORD} >= 8)) || die "NEO4J_PASSWORD must have 8 characters or more."
	if ! admin dbms set-initial-password "$NEO4J_PASSWORD" >"$LOGS/admin.log" 2>&1; then
		cat "$LOGS/admin.log" >&2
		die "could not set the initial password."
	fi
	printf '%s' "$NEO4J_PASSWORD" >"$stamp"
}

start() {
	local pid
	if pid=$(running_pid); then
		say "already running (pid $pid) on bolt://127.0.0.1:$NEO4J_BOLT_PORT"
		return 0
	fi
	check_tools
	if bolt_answers; then
		die "port $NEO4J_BOLT_PORT already answers Bolt, but not from a server this script started; set NEO4J_BOLT_PORT or stop that server."
	fi
	resolve
	write_conf
	set_password
	: >"$CONSOLE"
	# neo4j.log outlives restarts: only lines after this count.
	local logged=0
	[[ -f $LOGS/neo4j.log ]] && logged=$(wc -l <"$LOGS/neo4j.log")
	# The JVM flags are the ones the Neo4j launcher passes; --add-opens lets
	# Netty use direct buffers under Java 17.
	(
		cd "$NEO4J_HOME"
		exec java -Xms"$NEO4J_HEAP" -Xmx"$NEO4J_HEAP" \
			-XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
			-Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
			-Dfile.encoding=UTF-8 \
			--add-opens=java.base/java.nio=ALL-UNNAMED \
			--add-opens=java.base/java.io=ALL-UNNAMED \
			--add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
			--add-opens=java.base/java.lang=ALL-UNNAMED \
			-cp "$LIB/*" org.neo4j.server.CommunityEntryPoint \
			--home-dir="$NEO4J_HOME" --config-dir="$CONF"
	) </dev/null >>"$CONSOLE" 2>&1 &
	pid=$!
	echo "$pid" >"$PIDFILE"
	say "starting Neo4j $NEO4J_VERSION (pid $pid), logs in $LOGS"
	local deadline=$((SECONDS + NEO4J_START_TIMEOUT))
	while ((SECONDS < deadline)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			rm -f "$PIDFILE"
			failed "Neo4j exited during start-up."
		fi
		if bolt_answers && tail -n +$((logged + 1)) "$LOGS/neo4j.log" 2>/dev/null | grep -q 'Started\.'; then
			say "ready on bolt://127.0.0.1:$NEO4J_BOLT_PORT after ${SECONDS}s (user neo4j)"
			return 0
		fi
		sleep 1
	done
	kill "$pid" 2>/dev/null || true
	rm -f "$PIDFILE"
	failed "Bolt did not answer on 127.0.0.1:$NEO4J_BOLT_PORT within ${NEO4J_START_TIMEOUT}s."
}

failed() {
	say "$1 Last lines of the logs:"
	for f in "$CONSOLE" "$LOGS/neo4j.log" "$LOGS/debug.log"; do
		[[ -s $f ]] || continue
		echo "--- $f" >&2
		tail -n 30 "$f" >&2
	done
	exit 1
}

stop() {
	local pid
	if ! pid=$(running_pid); then
		rm -f "$PIDFILE"
		say "not running"
		return 0
	fi
	kill "$pid"
	local i
	for ((i = 0; i < 60; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 1
	done
	if kill -0 "$pid" 2>/dev/null; then
		say "Neo4j (pid $pid) did not stop in 60s; killing it"
		kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$PIDFILE"
	say "stopped (pid $pid)"
}

status() {
	local pid
	if pid=$(running_pid); then
		if bolt_answers; then
			echo "running (pid $pid) on bolt://127.0.0.1:$NEO4J_BOLT_PORT"
		else
			echo "starting (pid $pid); Bolt does not answer yet on 127.0.0.1:$NEO4J_BOLT_PORT"
		fi
		return 0
	fi
	echo "not running"
	return 3
}

env_exports() {
	# The password the database was created with, if it was.
	local pass=$NEO4J_PASSWORD
	[[ -f $NEO4J_HOME/password ]] && pass=$(<"$NEO4J_HOME/password")
	echo "export ENTENTE_TEST_NEO4J_URI=bolt://127.0.0.1:$NEO4J_BOLT_PORT ENTENTE_TEST_NEO4J_USER=neo4j ENTENTE_TEST_NEO4J_PASS=$(printf %q "$pass")"
}

wipe() {
	stop
	rm -rf "$DATA" "$LOGS" "$RUN" "$NEO4J_HOME/password"
	say "deleted the data in $NEO4J_HOME (the jars stay)"
}

case ${1:-} in
start) start ;;
stop) stop ;;
status) status ;;
env) env_exports ;;
wipe) wipe ;;
*)
	echo "usage: $0 start|stop|status|env|wipe" >&2
	exit 2
	;;
esac
