#!/usr/bin/env bash
# Set up kiosk on a fresh Debian or Ubuntu machine: the system libraries Qt
# needs, a virtual environment in .venv, and the app in it.
#   scripts/install.sh          the app, to run the show
#   scripts/install.sh --test   the app and what the tests need (pytest, Xvfb)
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
case "${1:-}" in
  --test) with_tests=1 ;;
  "") ;;
  *) echo "usage: scripts/install.sh [--test]" >&2; exit 2 ;;
esac

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "kiosk needs Python 3.11 or newer as '$python' (set PYTHON=... to choose another)." >&2
  exit 1
fi

# Qt's runtime libraries: OpenGL/EGL and fonts for drawing (offscreen too),
# the xcb libraries for a real window on X11, D-Bus for the screensaver inhibit.
packages=(libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 libglib2.0-0
  libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1)
if [ "$with_tests" = 1 ]; then
  # a real window on a virtual screen; a private D-Bus; syscall audit; the field's window
  # manager, keys and Wayland compositor; a wall clock set anywhere (libfaketime); the
  # exported PDF's text read back (poppler-utils: pdftotext, pdfinfo)
  packages+=(xvfb dbus strace openbox xdotool x11-utils weston libwayland-client0
    libwayland-cursor0 libwayland-egl1 faketime poppler-utils)
fi
"$python" -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
else
  echo "Not a Debian system: install Qt 6's runtime libraries yourself (see README)." >&2
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
extra=""
[ "$with_tests" = 1 ] && extra="[test]"
# Editable, so that the bundled deck in slides/ is the one the app shows.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extra}"
# An editable install leaves the bytecode to the first run, and a machine with
# PYTHONDONTWRITEBYTECODE set never writes it: the booth would compile every module
# at every start (about 0.1 s of the first frame). Compiled once here instead.
.venv/bin/python -m compileall -q kiosk >/dev/null
echo "kiosk is installed in .venv (run: .venv/bin/kiosk --help)"
