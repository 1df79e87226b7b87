#!/usr/bin/env bash
# Bleed insertion speed bar (issue #9): `ich phantoms insert` with default settings writes 40 studies into a 200-slice
# 512x512 background in <= 20 s wall clock on the 2-core CPU, and the same seed gives the same bytes.
#   benchmarks/phantom-insert/run.sh [runs, default 3]
# The wall time is the whole command as a user runs it: process start, reading and analysing the background, inserting,
# writing DICOM, masks and CSVs. Prints each run, the median wall time and peak RSS, and PASS/FAIL (exit 1 on FAIL, also
# when two runs with the same seed differ in a byte).
# ICH_BENCH_ARTIFACTS=<dir> builds into <dir>; ICH_BENCH_CACHE=<dir> keeps the generated background between runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-3}
bar_s=20
# Digest of this run's output before the speed work of issue #9 (commit 2e7859e): the same bytes are still expected.
recorded=51c2d60a1a52dd0ea5eadbe428e6f0ed95c88f1e886c62b3ebdcec9a0be6d86c
artifacts=${ICH_BENCH_ARTIFACTS:-/tmp/ich-bench-phantom-insert/artifacts}
cache=${ICH_BENCH_CACHE:-/tmp/ich-bench-phantom-insert/cache}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d -t ich-phantom-insert.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/Ich.Cli/Ich.Cli.csproj" -c Release --nologo -v q -clp:ErrorsOnly --artifacts-path "$artifacts"
ich=(dotnet "$artifacts/bin/Ich.Cli/release/ich.dll")

# The background: a lesion-free 512x512 phantom at 0.9 mm (203 slices), generated once and kept (it is deterministic).
background="$cache/bg-512-0.9mm-seed3"
if [ ! -f "$background/.complete" ]; then
  rm -rf "$background"
  "${ich[@]}" phantoms generate --out "$background" --studies 1 --prevalence 0 --slice-thickness 0.9 --matrix 512 --seed 3 >/dev/null
  touch "$background/.complete"
fi
echo "background: $(find "$background/study-00000" -name '*.dcm' | wc -l) slices of 512x512 ($background)"
echo "machine   : $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"

# Digest of a run's output: sha256 of every file, in sorted path order.
digest() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1; }

walls=(); rss=(); digests=()
for k in $(seq 1 "$runs"); do
  out="$work/run-$k"
  /usr/bin/time -f '%e %M' -o "$work/time-$k" "${ich[@]}" phantoms insert --background "$background/study-00000" --out "$out" --studies 40 \
    > "$work/stdout-$k"
  read -r wall kb < "$work/time-$k"
  inner=$(sed -n 's/.* in \([0-9.]*\) s\.$/\1/p' "$work/stdout-$k")
  walls+=("$wall"); rss+=("$kb"); digests+=("$(digest "$out")")
  printf 'run %d    : %6.1f s wall (insert and write %s s of it), peak RSS %5.0f MB, %s\n' "$k" "$wall" "$inner" "$((kb / 1024))" \
    "$(grep -o '[0-9]* slices' "$work/stdout-$k")"
  rm -rf "$out" # 1.8 GB per run
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
median_wall=$(median "${walls[@]}")
median_rss_mb=$(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))
max_rss_mb=$(( $(printf '%s\n' "${rss[@]}" | sort -n | tail -1) / 1024 ))
same=yes
for d in "${digests[@]}"; do [ "$d" = "${digests[0]}" ] || same=no; done
echo "median    : ${median_wall} s wall, peak RSS ${median_rss_mb} MB (largest ${max_rss_mb} MB)   (bar: <= ${bar_s} s)"
echo "bytes     : $([ "$same" = yes ] && echo "identical across the $runs runs" || echo "DIFFER between runs") (sha256 of all files ${digests[0]:0:16}…)"
echo "            $([ "${digests[0]}" = "$recorded" ] && echo "and the same as recorded before issue #9" || echo "but NOT those recorded before issue #9 (${recorded:0:16}…): the output changed")"
if [ "$same" = yes ] && awk -v m="$median_wall" -v b="$bar_s" 'BEGIN { exit !(m <= b) }'; then
  echo "phantom-insert: PASS"
else
  echo "phantom-insert: FAIL"
  exit 1
fi
