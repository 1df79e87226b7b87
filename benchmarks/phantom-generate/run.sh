#!/usr/bin/env bash
# Phantom generation speed: a 40-slice 512x512 study must generate in <= 0.3 s on one core.
# Runs pinned to one CPU (taskset) in Release; prints per-configuration medians and PASS/FAIL (exit code 1 on FAIL).
# Usage: benchmarks/phantom-generate/run.sh [studies-per-configuration, default 30]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${ARTIFACTS:-/tmp/ich-bench-phantom-generate}"
dotnet build "$here/PhantomGenerateBenchmark.csproj" -c Release --artifacts-path "$out" -nologo -v quiet
dll="$(find "$out/bin" -name PhantomGenerateBenchmark.dll | head -1)"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
# The runtime configuration the product ships (tiered JIT, no dynamic PGO); 30 studies per configuration so the
# median is taken after tiered compilation has promoted the hot loops, as in any cohort or training run.
DOTNET_gcServer=0 "${pin[@]}" dotnet "$dll" "${1:-30}"
