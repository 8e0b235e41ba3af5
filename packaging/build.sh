#!/usr/bin/env bash
# Builds Selection Desk's distributables from a clean checkout:
#   dist/selection-desk/selection-desk   the one-folder desktop bundle (PyInstaller, no Python needed)
#   dist/selection_desk-VERSION-py3-none-any.whl and dist/selection_desk-VERSION.tar.gz
# Usage: packaging/build.sh [--bundle-only | --wheel-only] [--dist DIR] [--work DIR]
# Uses $PYTHON (default: .venv/bin/python if it exists, else python3) and installs what it needs
# into it (pyinstaller, build, the app's own dependencies) when missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

what="all"
dist="$root/dist"
work="$root/build"
while (($#)); do
  case "$1" in
    --bundle-only) what="bundle" ;;
    --wheel-only) what="wheel" ;;
    --dist) dist="$2"; shift ;;
    --work) work="$2"; shift ;;
    *) echo "usage: $0 [--bundle-only | --wheel-only] [--dist DIR] [--work DIR]" >&2; exit 2 ;;
  esac
  shift
done

if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

needs=()
"$PYTHON" -c 'import PyInstaller' 2>/dev/null || needs+=("pyinstaller>=6.10")
"$PYTHON" -c 'import build' 2>/dev/null || needs+=("build>=1.2")
"$PYTHON" -c 'import babel' 2>/dev/null || needs+=("babel>=2.14")
if ((${#needs[@]})); then
  echo "Installing build tools: ${needs[*]}"
  "$PYTHON" -m pip install -q "${needs[@]}"
fi

if [[ "$what" != "wheel" ]]; then
  # The bundle is made from this checkout's src/ (the spec puts it first on the path), with the
  # app's dependencies taken from $PYTHON's environment.
  "$PYTHON" -c 'import PySide6, sqlite_utils, openpyxl, reportlab, numpy, cryptography' 2>/dev/null \
    || "$PYTHON" -m pip install -q "$root"
  "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work" packaging/selection-desk.spec
  echo "Bundle: $dist/selection-desk/selection-desk"
fi

if [[ "$what" != "bundle" ]]; then
  # --no-isolation: the build backend (hatchling, babel) comes from $PYTHON, no download needed.
  "$PYTHON" -c 'import hatchling' 2>/dev/null || "$PYTHON" -m pip install -q "hatchling>=1.25"
  "$PYTHON" -m build --no-isolation --outdir "$dist" "$root"
fi
