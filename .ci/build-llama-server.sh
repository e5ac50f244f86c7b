#!/usr/bin/env bash
# Builds llama.cpp's own `llama-server` (CPU only) from the unmodified upstream source tree that
# the npm package node-llama-cpp carries (llama/gitRelease.bundle), for the remote-engine tests
# in inference-remote. The tarball is pinned and checked against its registry integrity hash; the
# build is cached outside the clone, keyed by the package version, so it happens once per machine.
# Prints the binary's path on stdout; all progress goes to stderr. Exit status 1 = not buildable.
set -euo pipefail

NLC_VERSION="3.22.1"
NLC_INTEGRITY="sha512-bltIipuWmc123H7tMIgDGKSsSrhmhlQYeVUC48XTjVW7XGJJiJJyCdlTMzQ/LiWoPkGDpcL4FviDpgw7qfTiDw=="

cache="${CLITUNER_LLAMA_SERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/clituner/llama-server}/node-llama-cpp-${NLC_VERSION}"
bin="$cache/bin/llama-server"
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi

missing=()
for tool in npm git cmake c++ make openssl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  # CI runs as root on Debian: the build tools come from Debian packages
  echo "llama-server: installing Debian packages for: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get -y -q install --no-install-recommends npm git cmake g++ make openssl ca-certificates >&2
fi
for tool in npm git cmake c++ make openssl; do
  command -v "$tool" >/dev/null || { echo "llama-server: '$tool' not found, cannot build" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "llama-server: fetching node-llama-cpp@${NLC_VERSION} from the npm registry" >&2
(cd "$work" && npm pack --silent "node-llama-cpp@${NLC_VERSION}" >/dev/null)
tgz="$work/node-llama-cpp-${NLC_VERSION}.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 | tr -d '\n')"
if [ "$actual" != "$NLC_INTEGRITY" ]; then
  echo "llama-server: integrity mismatch for node-llama-cpp@${NLC_VERSION}: $actual" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work" package/llama/gitRelease.bundle package/llama/binariesGithubRelease.json
git clone --quiet "$work/package/llama/gitRelease.bundle" "$work/llama.cpp"

echo "llama-server: building (CPU, Release, server target only; this takes a while once)" >&2
cmake -S "$work/llama.cpp" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
  -DGGML_CUDA=OFF -DGGML_METAL=OFF -DGGML_VULKAN=OFF -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF \
  -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
  -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON >&2
nice -n 19 cmake --build "$work/build" --target llama-server -j 2 >&2

mkdir -p "$cache.tmp/bin"
cp "$work/build/bin/llama-server" "$cache.tmp/bin/llama-server"
cp "$work/package/llama/binariesGithubRelease.json" "$cache.tmp/llama.cpp-release.json"
git -C "$work/llama.cpp" rev-parse HEAD > "$cache.tmp/llama.cpp-commit"
rm -rf "$cache" && mv "$cache.tmp" "$cache"
echo "$bin"
