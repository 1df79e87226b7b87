#!/usr/bin/env bash
# Series-read speed bar: our reader vs pydicom on the SAME 40-slice 512×512 16-bit uncompressed CT series, one core.
#   benchmarks/series-read/run.sh [iterations]
# Targets: >= 1 GB/s of pixel data and >= 5× pydicom. Exits 1 when a target is missed.
# ICH_BENCH_ARTIFACTS=<dir> builds into <dir> instead of the project's bin/obj (for parallel builds).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
iterations=${1:-20}
work=$(mktemp -d -t ich-series-read.XXXXXX)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ -n "${ICH_BENCH_ARTIFACTS:-}" ]; then
  dotnet build "$here/SeriesReadBenchmark.csproj" -c Release --nologo -v q -clp:ErrorsOnly --artifacts-path "$ICH_BENCH_ARTIFACTS"
  dll="$ICH_BENCH_ARTIFACTS/bin/SeriesReadBenchmark/release/SeriesReadBenchmark.dll"
else
  dotnet build "$here/SeriesReadBenchmark.csproj" -c Release --nologo -v q -clp:ErrorsOnly
  dll="$here/bin/Release/net10.0/SeriesReadBenchmark.dll"
fi

dotnet "$dll" write "$work/series"
# One core for both: the process sees one processor and is pinned to CPU 0.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
dotnet_out=$(DOTNET_PROCESSOR_COUNT=1 "${pin[@]}" dotnet "$dll" read "$work/series" "$iterations")
# For information: the same with tiered compilation off (all code fully optimised from the first call). On a busy
# one-core run the default tiered JIT was up to 2x slower here; the targets are judged on the default run above.
full_jit_out=$(DOTNET_TieredCompilation=0 DOTNET_PROCESSOR_COUNT=1 "${pin[@]}" dotnet "$dll" read "$work/series" "$iterations")
python_out=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "${pin[@]}" /usr/bin/python3 "$here/pydicom_read.py" "$work/series" "$iterations")
echo "$dotnet_out" | grep -v '^RESULT'
echo "$full_jit_out" | grep -v '^RESULT' | sed 's/^dotnet  :/dotnet (TieredCompilation=0):/'
echo "$python_out" | grep -v '^RESULT'
value() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ours=$(value "$dotnet_out" dotnet_gbps); theirs=$(value "$python_out" pydicom_gbps)
ours_cpu=$(value "$dotnet_out" dotnet_cpu_gbps); theirs_cpu=$(value "$python_out" pydicom_cpu_gbps)
awk -v a="$ours" -v b="$theirs" -v ac="$ours_cpu" -v bc="$theirs_cpu" 'BEGIN {
  ratio = a / b
  printf "ratio   : %.1fx pydicom wall, %.1fx CPU time  (targets, wall clock: >= 1 GB/s and >= 5x pydicom)\n", ratio, ac / bc
  ok = (a >= 1.0 && ratio >= 5.0)
  print ok ? "series-read: PASS" : "series-read: BELOW TARGET (on a busy machine compare the CPU-time figures)"
  exit ok ? 0 : 1
}'
