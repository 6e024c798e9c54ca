#!/usr/bin/env bash
# eval.sh builds entente and scores `entente extract --jsonl` against the
# hand-annotated articles in ../shared/eval (dev by default):
#   scripts/eval.sh [GOLD_DIR] [score.py flags...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
eval_dir="$(cd "$root/../shared/eval" && pwd)"
gold="${1:-$eval_dir/dev}"
shift || true
go build -o bin/entente ./cmd/entente
exec python3 "$eval_dir/score.py" --gold "$gold" --show "$@" -- ./bin/entente extract --jsonl
