#!/usr/bin/env bash
# One entry point for developers, the README and CI.
#   ./build.sh demo [PATH] [--json]  the main job: the serverless pipeline locally on Azurite (ich local run)
#   ./build.sh ich ARGS      build (Release, once) and run the ich command line, e.g. ./build.sh ich --help
#   ./build.sh train ARGS    build and run the training host (TorchSharp), e.g. ./build.sh train train --help
#   ./build.sh test          restore, build, start Azurite, run every test project, stop Azurite
#   ./build.sh azurite       run Azurite in the foreground on 127.0.0.1 (for local work)
#   ./build.sh bench [NAME]  run the benchmarks (speed targets are checked here, not in tests)
#   ./build.sh deps          install the Debian and npm packages the tests need
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages: reference DICOM decoders for the correctness tests, and the native codecs
# (CharLS for JPEG-LS, OpenJPEG for JPEG 2000) the DICOM library loads at run time; dicom3tools
# (dciodvfy) validates the DICOM objects we write.
apt_packages=(dcmtk dicom3tools libgdcm-tools python3-pydicom python3-numpy libcharls2 libopenjp2-7 invesalius-examples chromium)
azurite_bin="$root/tools/azurite/node_modules/.bin/azurite"

log() { printf '[build] %s\n' "$*" >&2; }

install_debian_packages() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]}"
    log "install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_azurite() {
  [ -x "$azurite_bin" ] && return 0
  command -v npm >/dev/null || { log "npm not found: install Node.js 20 or later"; exit 1; }
  log "installing Azurite (pinned in tools/azurite/package.json)"
  (cd tools/azurite && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1 || npm install --no-audit --no-fund --loglevel=error >/dev/null)
}

azurite_pid=""
azurite_dir=""
# A free loopback port, so the tests' Azurite never collides with one a developer already runs.
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

start_azurite() {
  install_azurite
  azurite_dir=$(mktemp -d -t ich-azurite.XXXXXX)
  local blob queue table
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  # --skipApiVersionCheck: the Azure SDKs here send a newer API version than Azurite 3.37 knows.
  "$azurite_bin" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
    --location "$azurite_dir" --silent --disableTelemetry --skipApiVersionCheck \
    >"$azurite_dir/azurite.log" 2>&1 &
  azurite_pid=$!
  # Azurite's published development account key (not a secret).
  export ICH_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null; then
      log "Azurite is up (pid $azurite_pid, blob port $blob, data in $azurite_dir)"
      return 0
    fi
    kill -0 "$azurite_pid" 2>/dev/null || { log "Azurite exited:"; cat "$azurite_dir/azurite.log" >&2; exit 1; }
    sleep 0.5
  done
  log "Azurite did not open its ports within 30 s"; exit 1
}

stop_azurite() {
  if [ -n "$azurite_pid" ] && kill -0 "$azurite_pid" 2>/dev/null; then
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  [ -n "$azurite_dir" ] && rm -rf "$azurite_dir"
  azurite_pid=""
}

run_tests() {
  install_debian_packages
  dotnet restore IchFunctions.sln --nologo -v q
  dotnet build IchFunctions.sln --no-restore -c Release --nologo -v q -clp:ErrorsOnly
  start_azurite
  trap stop_azurite EXIT
  local out status=0
  out=$(mktemp)
  # Quiet build output, but a failed test prints its message and stack (CI keeps only this log).
  dotnet test IchFunctions.sln --no-build -c Release --nologo -v q --logger "console;verbosity=minimal" 2>&1 | tee "$out" || status=$?
  # One closing line over every test project, in the form CI reads.
  awk '/(Passed|Failed)!? *-/ {
         for (i = 1; i <= NF; i++) {
           if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
         }
       }
       END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$out"
  rm -f "$out"
  return $status
}

case "${1:-}" in
  test) run_tests ;;
  demo)
    shift
    # The main job: the serverless pipeline on this machine (ich local run) — Azurite, the inference service, the
    # local host with the Functions app's orchestration, a webhook receiver; uploads PATH (or a phantom study),
    # waits for the signed webhook and prints the findings (--json: one JSON object on stdout).
    install_debian_packages >&2
    install_azurite >&2
    dotnet build src/Ich.Cli -c Release --nologo -v q -clp:ErrorsOnly >&2
    exec dotnet src/Ich.Cli/bin/Release/net10.0/ich.dll local run "$@" ;;
  train)
    shift
    dotnet build src/Ich.Training.Host -c Release --nologo -v q -clp:ErrorsOnly >&2
    exec dotnet src/Ich.Training.Host/bin/Release/net10.0/ich-train.dll "$@" ;;
  ich)
    shift
    dotnet build src/Ich.Cli -c Release --nologo -v q -clp:ErrorsOnly >&2
    exec dotnet src/Ich.Cli/bin/Release/net10.0/ich.dll "$@" ;;
  azurite)
    install_azurite
    exec "$azurite_bin" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      --location "$root/.azurite" --disableTelemetry --skipApiVersionCheck ;;
  bench)
    shift
    install_debian_packages
    exec bash benchmarks/run.sh "$@" ;;
  deps) install_debian_packages; install_azurite ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
