#!/usr/bin/env bash
# ich analyze end to end as a process: a 40-slice 512x512 phantom study (written as DICOM), the shipped default
# model, CPU. Target (issue 10): median <= 3 s on 2 cores, peak memory < 1.5 GB. Prints every run, the median,
# the peak RSS, and PASS/FAIL (exit 1 on FAIL). Usage: benchmarks/analyze/run.sh [runs, default 5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d -t ich-bench-analyze.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Ich.Cli" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
ich=(dotnet "$root/src/Ich.Cli/bin/Release/net10.0/ich.dll")
"${ich[@]}" phantoms generate --out "$work/upload" --studies 1 --seed 40 --slice-thickness 3.5 --matrix 512 --prevalence 1 >/dev/null
slices=$(find "$work/upload" -name '*.dcm' | wc -l)
echo "study: $slices slices of 512x512 (phantom, 3.5 mm)"
"${ich[@]}" analyze "$work/upload" --out "$work/warm" --json >/dev/null || true # warm the file cache
times=()
peak=0
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/time" "${ich[@]}" analyze "$work/upload" --out "$work/out$i" --json >/dev/null 2>"$work/err" || { echo "run $i: ich analyze failed:"; cat "$work/err"; exit 1; }
  read -r seconds kb <"$work/time"
  times+=("$seconds")
  [ "$kb" -gt "$peak" ] && peak=$kb
  echo "run $i: ${seconds} s, peak RSS $((kb / 1024)) MB"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "analyze: median ${median} s over $runs runs (target <= 3 s); peak RSS $((peak / 1024)) MB (target < 1536 MB)"
awk -v m="$median" -v p="$peak" 'BEGIN { if (m <= 3.0 && p < 1536 * 1024) { print "PASS"; exit 0 } print "FAIL"; exit 1 }'
