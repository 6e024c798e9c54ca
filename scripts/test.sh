#!/usr/bin/env bash
# Runs every check CI runs, in order: formatting, vet, generated code in sync,
# the tests with the race detector (Neo4j included), a short fuzz of the
# extractor, and the GraphQL-over-HTTP audit against a live server.
#
#   scripts/test.sh              start a local Neo4j (scripts/neo4j.sh) unless
#                                ENTENTE_TEST_NEO4J_URI points at one already
#   scripts/test.sh --no-neo4j   skip the Neo4j tests (they say so)
#
# Under CI (CI=true) a Neo4j that fails to start fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

neo4j=1
for arg in "$@"; do
	case "$arg" in
	--no-neo4j) neo4j=0 ;;
	*) echo "usage: scripts/test.sh [--no-neo4j]" >&2; exit 2 ;;
	esac
done

step() { printf '\n== %s\n' "$*"; }

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...

step "generated code in sync"
go generate ./...
if ! git diff --exit-code --stat -- graph/ ; then
	echo "go generate changed graph/: run it and commit the result" >&2; exit 1
fi

started=0
if [ "$neo4j" = 1 ] && [ -z "${ENTENTE_TEST_NEO4J_URI:-}" ]; then
	step "neo4j"
	if scripts/neo4j.sh start; then
		started=1
		eval "$(scripts/neo4j.sh env)"
	elif [ "${CI:-}" = true ]; then
		echo "Neo4j failed to start under CI" >&2; exit 1
	else
		echo "Neo4j did not start: its tests will skip" >&2
	fi
fi
cleanup() { if [ "$started" = 1 ]; then scripts/neo4j.sh stop || true; fi; }
trap cleanup EXIT

step "go test -race"
log=$(mktemp)
rc=0
go test -race -count=1 -timeout 30m -v ./... >"$log" 2>&1 || rc=$?
# The package lines, and on failure everything a failing test printed.
grep -E '^(ok|FAIL|\?) ' "$log" || true
if [ "$rc" != 0 ]; then
	echo; echo "go test failed; its output:"; grep -vE '^\s*(=== (RUN|PAUSE|CONT)|--- PASS|--- SKIP)' "$log" | tail -400
fi
passed=$(grep -cE '^\s*--- PASS' "$log" || true)
failed=$(grep -cE '^\s*--- FAIL' "$log" || true)
skipped=$(grep -cE '^\s*--- SKIP' "$log" || true)
rm -f "$log"
[ "$rc" = 0 ] || { echo "tests: $passed passed, $failed failed, $skipped skipped"; exit "$rc"; }

step "fuzz"
go test -run='^$' -fuzz='^FuzzExtract$' -fuzztime=20s ./internal/extract
go test -run='^$' -fuzz='^FuzzFind$' -fuzztime=10s ./internal/extract/dates

if [ -x scripts/audit/run.sh ]; then
	step "graphql-http audit"
	scripts/audit/run.sh
fi
echo
echo "all checks passed"
echo "tests: $passed passed, $failed failed, $skipped skipped"
