#!/usr/bin/env bash
# Fetches pinned llama.cpp packages from the npm registry (llama-cpp-npm.lock), verifies each
# tarball against its pinned sha512 integrity, and unpacks what the build needs:
#   natives:PLATFORM  shared libraries -> OUT/io/clituner/inference/gguf/llamacpp/natives/PLATFORM/
#                     plus natives.properties (package, version, integrity, llama.cpp release, sha256 per file)
#   gpu:FLAVOR        the same layout under OUT/FLAVOR/ (for nativeLibPath; not packaged in the jar)
#   headers           include/*.h and ggml/include/*.h of the exact llama.cpp tree -> OUT/llama.cpp/include/
# Usage: fetch-llama-cpp.sh OUT ROLE...   Tarballs are cached in ${CLITUNER_NPM_CACHE:-~/.cache/clituner/npm}
# keyed by name, version and integrity, so rebuilds and `mvn clean` do not download again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$1"; shift
cache="${CLITUNER_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/clituner/npm}"
mkdir -p "$out" "$cache"

need() { command -v "$1" >/dev/null || { echo "fetch-llama-cpp: '$1' is required (install Node.js with npm)" >&2; exit 1; }; }
need node
sri() { node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"; }
sha256() { node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha256").update(f.readFileSync(process.argv[1])).digest("hex"))' "$1"; }

fetch() { # role -> path of the verified tarball
  local line name version integrity key tgz tmp
  line="$(grep -E "^$1[[:space:]]" "$here/llama-cpp-npm.lock" || true)"
  [ -n "$line" ] || { echo "fetch-llama-cpp: no role '$1' in llama-cpp-npm.lock" >&2; exit 1; }
  read -r _ name version integrity <<<"$line"
  key="$(printf '%s' "$integrity" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(Buffer.from(s.slice(7),"base64").toString("hex").slice(0,16)))')"
  tgz="$cache/$(echo "$name" | tr '@/' '_-')-$version-$key.tgz"
  if [ ! -f "$tgz" ] || [ "$(sri "$tgz")" != "$integrity" ]; then
    need npm
    tmp="$(mktemp -d "$cache/.pack.XXXXXX")"
    echo "fetch-llama-cpp: downloading $name@$version from the npm registry" >&2
    (cd "$tmp" && npm pack --silent --ignore-scripts "$name@$version" >/dev/null)
    local got; got="$(sri "$tmp"/*.tgz)"
    if [ "$got" != "$integrity" ]; then
      rm -rf "$tmp"
      echo "fetch-llama-cpp: $name@$version has integrity $got, pinned $integrity: refusing it" >&2; exit 1
    fi
    mv "$tmp"/*.tgz "$tgz"; rm -rf "$tmp"
  fi
  echo "$tgz|$name|$version|$integrity"
}

natives() { # role dest
  local info tgz name version integrity dest="$2" tmp
  info="$(fetch "$1")"; IFS='|' read -r tgz name version integrity <<<"$info"
  if [ -f "$dest/natives.properties" ] && grep -qxF "integrity=$integrity" "$dest/natives.properties"; then return; fi
  tmp="$(mktemp -d)"; tar xzf "$tgz" -C "$tmp"
  rm -rf "$dest"; mkdir -p "$dest"
  local bins; bins="$(dirname "$(find "$tmp/package/bins" -name _nlcBuildMetadata.json | head -1)")"
  # Only what libllama needs: the addon (Node's) and libllama-common (llama.cpp's tools) are left out.
  find "$bins" -maxdepth 1 -type f \( -name '*.so' -o -name '*.so.*' -o -name '*.dylib' -o -name '*.dll' -o -name '*.metallib' \) \
    ! -name 'libllama-common*' ! -name 'llama-common*' -exec cp {} "$dest/" \;
  cp "$tmp/package/LICENSE" "$dest/LICENSE.node-llama-cpp"
  local release; release="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1])).buildOptions.llamaCpp.release)' "$bins/_nlcBuildMetadata.json")"
  {
    echo "package=$name"; echo "version=$version"; echo "integrity=$integrity"; echo "llamaCppRelease=$release"
    echo "files=$(cd "$dest" && ls | grep -v '^LICENSE' | tr '\n' ',' | sed 's/,$//')"
    for f in $(cd "$dest" && ls | grep -v '^LICENSE'); do echo "sha256.$f=$(sha256 "$dest/$f")"; done
  } > "$tmp/natives.properties"
  mv "$tmp/natives.properties" "$dest/natives.properties"
  rm -rf "$tmp"
}

headers() {
  local info tgz name version integrity dest="$out/llama.cpp" tmp
  info="$(fetch headers)"; IFS='|' read -r tgz name version integrity <<<"$info"
  if [ -f "$dest/source.properties" ] && grep -qxF "integrity=$integrity" "$dest/source.properties"; then return; fi
  need git
  tmp="$(mktemp -d)"
  tar xzf "$tgz" -C "$tmp" package/llama/gitRelease.bundle package/llama/binariesGithubRelease.json
  git init -q --bare "$tmp/src.git"
  git --git-dir="$tmp/src.git" fetch -q "$tmp/package/llama/gitRelease.bundle" HEAD
  rm -rf "$dest"; mkdir -p "$dest/include"
  local commit; commit="$(git --git-dir="$tmp/src.git" rev-parse FETCH_HEAD)"
  for f in $(git --git-dir="$tmp/src.git" ls-tree --name-only FETCH_HEAD include/ ggml/include/ | grep '\.h$'); do
    git --git-dir="$tmp/src.git" show "FETCH_HEAD:$f" > "$dest/include/$(basename "$f")"
  done
  local release; release="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1])).release)' "$tmp/package/llama/binariesGithubRelease.json")"
  { echo "package=$name"; echo "version=$version"; echo "integrity=$integrity"; echo "llamaCppRelease=$release"; echo "bundleCommit=$commit"; } > "$dest/source.properties"
  rm -rf "$tmp"
}

for role in "$@"; do
  case "$role" in
    natives:*) natives "$role" "$out/io/clituner/inference/gguf/llamacpp/natives/${role#natives:}" ;;
    gpu:*) natives "$role" "$out/${role#gpu:}" ;;
    headers) headers ;;
    *) echo "fetch-llama-cpp: unknown role $role" >&2; exit 1 ;;
  esac
done
