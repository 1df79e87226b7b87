#!/usr/bin/env bash
# The local pipeline end to end on Azurite: upload-to-webhook latency of single 40-slice 512x512 studies (target:
# median <= 5 s on 2 cores) and a burst of concurrent uploads (each completed, exactly one webhook; throughput,
# p50/p95), with the host's peak RSS. Exits 1 when a study fails or a webhook is missing; a missed target prints MISSED.
#   benchmarks/pipeline/run.sh [sequential=5] [burst=20]
# Storage: ICH_TEST_STORAGE if set, else the Azurite answering on 127.0.0.1:10000, else an Azurite of its own (in
# memory, loopback, free ports) stopped on exit; ICH_BENCH_OWN_AZURITE=1 always starts its own (a shared Azurite's other
# load stays out of the figures). ICH_BENCH_ARTIFACTS=<dir> builds into <dir> instead of bin/obj.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
azurite_bin="$root/tools/azurite/node_modules/.bin/azurite"
azurite_pid=""
bench_pid=""
scratch=$(mktemp -d -t ich-bench-pipeline.XXXXXX)

stop() { # stop PID: TERM, then KILL after 10 s
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  [ -n "$bench_pid" ] && stop "$bench_pid"
  [ -n "$azurite_pid" ] && stop "$azurite_pid"
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

if [ -n "${ICH_BENCH_ARTIFACTS:-}" ]; then
  dotnet build "$here/Ich.Benchmarks.Pipeline.csproj" -c Release --nologo -v q -clp:ErrorsOnly --artifacts-path "$ICH_BENCH_ARTIFACTS"
  dll="$ICH_BENCH_ARTIFACTS/bin/Ich.Benchmarks.Pipeline/release/Ich.Benchmarks.Pipeline.dll"
else
  dotnet build "$here/Ich.Benchmarks.Pipeline.csproj" -c Release --nologo -v q -clp:ErrorsOnly
  dll="$here/bin/Release/net10.0/Ich.Benchmarks.Pipeline.dll"
fi

if [ -n "${ICH_TEST_STORAGE:-}" ]; then
  echo "storage : ICH_TEST_STORAGE"
elif [ "${ICH_BENCH_OWN_AZURITE:-0}" != 1 ] && answers 10000; then
  echo "storage : the Azurite already answering on 127.0.0.1:10000"
else
  if [ ! -x "$azurite_bin" ]; then
    echo "storage : installing Azurite (pinned in tools/azurite/package.json)"
    (cd "$root/tools/azurite" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  # --skipApiVersionCheck: the Azure SDKs here send a newer API version than Azurite 3.37 knows.
  "$azurite_bin" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
    --inMemoryPersistence --silent --disableTelemetry --skipApiVersionCheck >"$scratch/azurite.log" 2>&1 &
  azurite_pid=$!
  # Azurite's published development account key (not a secret).
  export ICH_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  for _ in $(seq 1 60); do
    answers "$blob" && answers "$queue" && answers "$table" && break
    kill -0 "$azurite_pid" 2>/dev/null || { echo "Azurite exited:"; cat "$scratch/azurite.log"; exit 1; }
    sleep 0.5
  done
  answers "$blob" && answers "$queue" && answers "$table" || { echo "Azurite did not open its ports within 30 s"; exit 1; }
  echo "storage : own Azurite in memory (pid $azurite_pid, blob port $blob)"
fi

# In the background, so a signal to this script reaches the trap (which stops it); TMPDIR keeps every scratch file
# of the run (studies, intake scratch) in a folder the trap removes.
TMPDIR="$scratch" dotnet "$dll" "$@" &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=""
exit $status
