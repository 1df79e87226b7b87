#!/usr/bin/env bash
# Runs the benchmarks: each folder below benchmarks/ with a run.sh is one. `./build.sh bench NAME` runs one.
# Speed targets are checked here, side by side with their reference in the same run, never by timed tests.
set -euo pipefail
cd "$(dirname "$0")"
status=0
for dir in */; do
  name=${dir%/}
  [ -f "$dir/run.sh" ] || continue
  if [ $# -gt 0 ] && [ "$1" != "$name" ]; then continue; fi
  echo "== $name"
  bash "$dir/run.sh" || status=$?
done
exit $status
