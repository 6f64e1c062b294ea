#!/usr/bin/env bash
# Makes sure this machine can run the browser tests (test/browser): Debian's Chromium at /usr/bin/chromium, which
# playwright-core drives through `executablePath`, and a CJK font, without which Chinese renders as boxes in the
# screenshots. Installed with apt like Java (scripts/ensure-java.sh); no browser is downloaded from anywhere else
# (playwright's own download is never run). Idempotent and silent when everything is already there, so that
# `npm test` and CI can call it unconditionally.
set -euo pipefail

chromium_bin=/usr/bin/chromium

font_present() {
  dpkg-query -W -f='${Status}' fonts-wqy-zenhei 2>/dev/null | grep -q 'install ok installed'
}

missing=()
[[ -x "$chromium_bin" ]] || missing+=(chromium)
font_present || missing+=(fonts-wqy-zenhei)
if ((${#missing[@]} == 0)); then
  exit 0
fi

# Not pinned: the Debian archive keeps only the latest chromium.
bash "$(dirname "$0")/apt-install.sh" ensure-browser 'for the browser tests' "${missing[@]}"

if [[ ! -x "$chromium_bin" ]] || ! font_present; then
  echo "ensure-browser: $chromium_bin or fonts-wqy-zenhei still missing after the install" >&2
  exit 1
fi
