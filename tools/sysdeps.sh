#!/usr/bin/env bash
# Install the Debian packages named as arguments if any is missing and we can (root + apt-get); else advise.
set -u
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
    || echo "warning: could not install ${missing[*]}; some checks may be skipped" >&2
else
  echo "note: missing Debian packages (install with: sudo apt-get install ${missing[*]})" >&2
fi
exit 0
