#!/usr/bin/env bash
# Tokens per second of the default GGUF engine's decode loop (Java) and the same loop in C on a GPU, with the
# pinned llama.cpp CUDA build from npm (@node-llama-cpp/linux-x64-cuda + -cuda-ext, see
# inference-gguf/src/build/llama-cpp-npm.lock), on the realistic random-weight Llama of LlamaCppBackendBenchmark,
# all layers offloaded, against the same model on the CPU. Run from the repository root on a machine with an NVIDIA
# GPU and driver:   benchmarks/gpu-tokens-per-second.sh [THREADS]
# Fetching needs the npm registry once; with PREPARE_ONLY=1 it only fetches and builds (on a networked machine),
# so the machine with the GPU needs no network. Prints the JMH table (aux counters promptTokens and tokens are
# tokens/s) and the devices llama.cpp found; with no GPU, the log says so and both rows run on the CPU.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
threads="${1:-$(nproc)}"
gpu="inference-gguf/target/llama-cpp/gpu"
if [ ! -f "$gpu/linux-x86_64-cuda/natives.properties" ]; then
  bash inference-gguf/src/build/fetch-llama-cpp.sh "$gpu" gpu:linux-x86_64-cuda gpu:linux-x86_64-cuda-ext
  # One directory: the CUDA backend beside the CUDA runtime libraries of the -ext package.
  cp -n "$gpu"/linux-x86_64-cuda-ext/*.so* "$gpu/linux-x86_64-cuda/" 2>/dev/null || true
fi
if [ ! -f benchmarks/target/classes/io/clituner/benchmarks/LlamaCppBackendBenchmark.class ]; then
  mvn -B -q install -DskipTests -pl inference-gguf -am && mvn -B -q package -DskipTests -pl benchmarks
fi
[ -f benchmarks/target/native/libnative_loop.so ] || bash benchmarks/native/build.sh >/dev/null
if [ "${PREPARE_ONLY:-0}" = 1 ]; then
  echo "prepared: $gpu/linux-x86_64-cuda"; exit 0
fi
java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openjdk.jmh.Main \
  'LlamaCppBackendBenchmark.(prompt|generate)(Java|C)$' -p model=realistic -p threads="$threads" -p flash=on \
  -p withKherud=false -p gpuLayers=0,99 -p nativeLibPath="$(pwd)/$gpu/linux-x86_64-cuda" -f 1 -wi 1 -i 3 -w 3s -r 5s
