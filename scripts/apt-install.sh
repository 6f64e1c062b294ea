#!/usr/bin/env bash
# Installs Debian packages for the ensure-*.sh scripts: as root directly, otherwise through sudo, otherwise it
# says what to install and fails. Usage: apt-install.sh <who> <why> <package>...
set -euo pipefail
who=$1 why=$2
shift 2

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "$who: $* missing and this user cannot install them; install them with apt" >&2
  exit 1
fi

echo "$who: installing $* $why" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2
