#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests, gettext for makemessages.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v xgettext >/dev/null 2>&1 || need+=(gettext)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)  # Chromium's text in screenshots (PDFs ship their font)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=; fi
  echo "installing: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
