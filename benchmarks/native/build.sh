#!/usr/bin/env bash
# Builds libnative_loop.so (native_loop.c) against the pinned llama.cpp the inference-gguf build fetched:
# headers from inference-gguf/target/llama-cpp/llama.cpp/include, libllama from the jar's natives.
# Needs a C compiler (cc); run after `mvn -q install -DskipTests -pl inference-gguf -am` (which fetches both).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
inc="$root/inference-gguf/target/llama-cpp/llama.cpp/include"
libs="$root/inference-gguf/target/llama-cpp/resources/io/clituner/inference/gguf/llamacpp/natives/linux-x86_64"
[ -f "$inc/llama.h" ] || (cd "$root" && mvn -B -q generate-test-resources -pl inference-gguf)
out="$here/../target/native"
mkdir -p "$out"
lib="$(basename "$(ls "$libs"/libllama*.so | head -1)")"
cc -O2 -march=native -shared -fPIC -o "$out/libnative_loop.so" "$here/native_loop.c" -I"$inc" \
  -L"$libs" -l:"$lib" -Wl,-rpath,"$libs" -lm
echo "$out/libnative_loop.so"
