#!/usr/bin/env bash
# Makes sure this machine can run DynamoDB Local (infra/local/stand-ins/dynamodb-local.ts): a Java 17+ runtime,
# plus javac, because the stand-in compiles a tiny launcher that binds DynamoDB Local to 127.0.0.1 only (the
# stock ServerRunner binds every interface). Idempotent and silent when everything is already there, so that
# `npm start`, `npm test` and CI can call it unconditionally.
set -euo pipefail

# Major version of a `java -version` / `javac -version` banner: "17.0.15" -> 17, "1.8.0_392" -> 8.
major_version() {
  local version
  # Only the banner line: JAVA_TOOL_OPTIONS makes the JVM print a "Picked up ..." line with numbers first.
  version=$("$@" -version 2>&1 | grep -E '(version "|^javac )' | head -n 1 | grep -oE '[0-9]+(\.[0-9]+)*' |
    head -n 1 || true)
  if [[ -z "$version" ]]; then
    echo 0
  elif [[ "$version" == 1.* ]]; then
    echo "$version" | cut -d. -f2
  else
    echo "$version" | cut -d. -f1
  fi
}

# DynamoDB Local 3.x needs Java 17; the launcher is compiled with `--release 17`.
usable() {
  command -v "$1" >/dev/null 2>&1 && (($(major_version "$1") >= 17))
}

if usable java && usable javac; then
  exit 0
fi

# The JDK package brings the JRE with it; -headless keeps X11 and sound libraries off the machine.
bash "$(dirname "$0")/apt-install.sh" ensure-java 'for DynamoDB Local' openjdk-17-jdk-headless

if ! usable java || ! usable javac; then
  echo 'ensure-java: java/javac 17+ still not usable after the install (check PATH or update-alternatives)' >&2
  exit 1
fi
