#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu machine for Selection Desk: the system libraries Qt needs
# (offscreen and under a real X display), a virtual environment in .venv and the package itself.
#   packaging/bootstrap.sh          runtime only
#   packaging/bootstrap.sh --test   with the test tools (pytest, pytest-qt, hypothesis, ruff, mypy…)
# Idempotent: a second run only checks what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [[ "${1:-}" == "--test" ]]; then extras="[test]"; fi

# Measured on a bare Debian 12 (../shared/platform.md): what Qt needs offscreen, plus what a real
# X window needs, plus poppler-utils (pdftotext/pdftoppm, used to read reports back in tests).
apt_packages=(
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 libgssapi-krb5-2
  fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxkbcommon-x11-0 xvfb xauth poppler-utils
)
# Tests only: LibreOffice Calc recalculates the Excel report's audit formulas headless; appstream
# validates the desktop metadata; shared-mime-info builds the file-type database the tests query.
if [[ -n "$extras" ]]; then apt_packages+=(libreoffice-calc-nogui appstream shared-mime-info); fi
python_bin="${PYTHON:-python3}"
if ! "$python_bin" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  apt_packages+=(python3-venv)
fi

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  if [[ "$(id -u)" != 0 ]]; then sudo_cmd="sudo"; fi
  echo "Installing system packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ ! -x .venv/bin/python ]]; then
  "$python_bin" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
