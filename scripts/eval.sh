#!/usr/bin/env bash
# eval.sh builds entente and scores `entente extract --jsonl` against the
# hand-annotated articles in ../shared/eval (dev by default), showing every
# miss and false alarm:
#   scripts/eval.sh [GOLD_DIR] [score.py flags, such as --json]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
eval_dir="$(cd "$root/../shared/eval" && pwd)"
gold="$eval_dir/dev"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
	gold="$1"
	shift
fi
go build -o bin/entente ./cmd/entente
exec python3 "$eval_dir/score.py" --gold "$gold" --show "$@" -- ./bin/entente extract --jsonl
