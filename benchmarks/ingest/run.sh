#!/usr/bin/env bash
# Ingest memory: peak resident memory of ingest + select + normalize of a ~1 GB zip of DICOM slices, with the
# Functions-host limits, must stay under 500 MB (issue 11). Runs each mode (zip by path; zip as a forward-only
# stream, spooled) in its own process and reads VmHWM; prints PASS/FAIL (exit code 1 on FAIL).
# The zip is generated under /tmp (not committed) and reused while its size is right.
# Usage: benchmarks/ingest/run.sh [zip-megabytes, default 1024]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${ARTIFACTS:-/tmp/ich-bench-ingest}"
mb="${1:-1024}"
target_mb=500
zip="$out/upload-${mb}mb.zip"
dotnet build "$here/IngestBenchmark.csproj" -c Release --artifacts-path "$out" -nologo -v quiet
dll="$(find "$out/bin" -name IngestBenchmark.dll | head -1)"
if [ ! -s "$zip" ]; then
  rm -f "$zip"
  dotnet "$dll" generate "$zip" "$mb"
fi
status=0
for mode in path stream; do
  line=$(DOTNET_gcServer=0 dotnet "$dll" ingest "$zip" "$mode" | tee /dev/stderr | sed -n 's/^PEAK_RSS_MB=//p')
  if [ -n "$line" ] && [ "$line" -lt "$target_mb" ]; then verdict=PASS; else verdict=FAIL; status=1; fi
  echo "target: peak RSS while ingesting a ${mb} MB zip ($mode) ${line:-?} MB (target < ${target_mb} MB): $verdict"
done
exit $status
