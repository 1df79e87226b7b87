#!/usr/bin/env bash
# ich analyze stage by stage (issue 10): ingest, select, normalize, preprocess, infer, explain, publish on a
# 40-slice 512x512 phantom study with the shipped model, medians over runs, and the model's MACs per series counted
# from its network definition. Reports only; the end-to-end target is checked by benchmarks/analyze.
# Usage: benchmarks/stages/run.sh [runs, default 5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet build "$root/benchmarks/stages" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
dotnet "$root/benchmarks/stages/bin/Release/net10.0/StagesBenchmark.dll" "$root" "${1:-5}"
