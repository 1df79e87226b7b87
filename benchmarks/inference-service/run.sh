#!/usr/bin/env bash
# Inference service: 8 concurrent loopback clients for 60 s (throughput, p50/p95 latency, no error allowed), and
# ONNX Runtime vs TorchSharp forward time on the same model and input in one process (target: ORT >= 5x).
#   benchmarks/inference-service/run.sh [seconds=60] [clients=8] [threads=2] [workers=1]
# Exits 1 when a request fails. ICH_BENCH_ARTIFACTS=<dir> builds into <dir> instead of the project's bin/obj.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -n "${ICH_BENCH_ARTIFACTS:-}" ]; then
  dotnet build "$here/InferenceServiceBenchmark.csproj" -c Release --nologo -v q -clp:ErrorsOnly --artifacts-path "$ICH_BENCH_ARTIFACTS"
  dll="$ICH_BENCH_ARTIFACTS/bin/InferenceServiceBenchmark/release/InferenceServiceBenchmark.dll"
else
  dotnet build "$here/InferenceServiceBenchmark.csproj" -c Release --nologo -v q -clp:ErrorsOnly
  dll="$here/bin/Release/net10.0/InferenceServiceBenchmark.dll"
fi
dotnet "$dll" "${1:-60}" "${2:-8}" "${3:-2}" "${4:-1}"
