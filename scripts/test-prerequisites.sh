#!/usr/bin/env bash
# The real servers the tests run (Debian packages): installs whatever is missing, or says exactly what to
# install when it cannot. `npm test` runs this first, so `npm ci && npm test` is the whole set-up.
set -euo pipefail

# binary → Debian package
declare -A needs=(
  [prometheus]=prometheus [promtool]=prometheus
  [prometheus-alertmanager]=prometheus-alertmanager [amtool]=prometheus-alertmanager
  [haproxy]=haproxy [socat]=socat [docker-compose]=docker-compose [chromium]=chromium
)
missing=()
for bin in "${!needs[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/bin/$bin" ] || [ -x "/usr/sbin/$bin" ] || missing+=("${needs[$bin]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
# chromium needs its recommended packages (fonts, rendering); the servers do not.
servers=$(printf '%s\n' $packages | grep -v '^chromium$' | tr '\n' ' ' || true)

sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi
fi
if [ "$sudo" = "none" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "npm test needs these Debian packages, which are missing: $packages" >&2
  echo "Install them as root, then run npm test again:" >&2
  echo "  apt-get install -y --no-install-recommends ${servers:-}; apt-get install -y chromium" >&2
  exit 1
fi
echo "installing the Debian packages the tests need: $packages" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
[ -n "${servers// /}" ] && $sudo apt-get install -y -qq --no-install-recommends $servers
case " $packages " in *" chromium "*) $sudo apt-get install -y -qq chromium ;; esac
