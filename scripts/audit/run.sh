#!/usr/bin/env bash
# Runs the GraphQL-over-HTTP audit (npm graphql-http, serverAudits) against a
# live `entente serve` on a free port over a fresh embedded store. Exits
# non-zero when any MUST fails.
#
#   scripts/audit/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
pid=""
cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
(cd "$root" && go build -o "$tmp/entente" ./cmd/entente)

"$tmp/entente" serve --store "sqlite:$tmp/audit.db" --addr 127.0.0.1:0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
url=""
for _ in $(seq 1 100); do
	url="$(grep -o 'http://[^ ]*/graphql' "$tmp/out" || true)"
	[ -n "$url" ] && break
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "entente serve exited:" >&2; cat "$tmp/err" >&2; exit 1
	fi
	sleep 0.1
done
if [ -z "$url" ]; then echo "entente serve did not print its address" >&2; cat "$tmp/err" >&2; exit 1; fi
base="${url%/graphql}"
for _ in $(seq 1 50); do
	curl -fsS "$base/healthz" >/dev/null 2>&1 && break
	sleep 0.1
done
echo "auditing $url"
node "$here/audit.mjs" "$url"
