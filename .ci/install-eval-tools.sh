#!/usr/bin/env bash
# Installs what `clituner eval` and its tests need from Debian, each package only if its command is
# missing: bubblewrap (the sandbox), shellcheck (syntax validity) and the tools that reference
# commands of benchmarks/eval/clituner-eval-v1.jsonl call (util-linux's setpriv is in every Debian).
# Idempotent; needs root when something is missing.
set -euo pipefail

declare -A PACKAGE_OF=(
  [bwrap]=bubblewrap [shellcheck]=shellcheck [jq]=jq [zip]=zip [unzip]=unzip [bc]=bc [file]=file
  [xxd]=xxd [bzip2]=bzip2 [xz]=xz-utils [column]=bsdextrautils [hexdump]=bsdextrautils
  [envsubst]=gettext-base [perl]=perl-base
)
missing=()
for cmd in "${!PACKAGE_OF[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${PACKAGE_OF[$cmd]}")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-eval-tools: everything present" >&2
  exit 0
fi
mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
if [ "$(id -u)" -ne 0 ]; then
  echo "install-eval-tools: missing ${packages[*]} and not root; install them with apt-get" >&2
  exit 1
fi
echo "install-eval-tools: installing ${packages[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get -y -q install --no-install-recommends "${packages[@]}" >&2
