#!/usr/bin/env bash
# Installs Selection Desk into the user's desktop: the menu entry, the icon at every size, the
# AppStream metadata and the file types (campaign, juror kit, ballot) so that a double-click opens
# them with the app.  Nothing needs root: everything goes under $XDG_DATA_HOME (~/.local/share).
#   packaging/install-desktop.sh [--exec PROGRAM] [--uninstall]
# PROGRAM: the command the menu entry runs; by default the bundle built by packaging/build.sh
# (dist/selection-desk/selection-desk) if it is there, else `selection-desk` found on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
app_id="org.selectiondesk.SelectionDesk"
icon_name="selection-desk"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"

program=""
uninstall=false
while (($#)); do
  case "$1" in
    --exec) program="$2"; shift ;;
    --uninstall) uninstall=true ;;
    *) echo "usage: $0 [--exec PROGRAM] [--uninstall]" >&2; exit 2 ;;
  esac
  shift
done

icons="$root/resources/icons"
sizes=()
for folder in "$icons"/hicolor/*x*; do sizes+=("$(basename "$folder")"); done

refresh_caches() {
  # Optional tools: without them the desktop still rescans these folders at the next login.
  if command -v update-mime-database >/dev/null; then update-mime-database "$data_home/mime"; fi
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$data_home/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [[ -f "$data_home/icons/hicolor/index.theme" ]]; then
    gtk-update-icon-cache -q -t -f "$data_home/icons/hicolor" || true
  fi
}

if $uninstall; then
  rm -f "$data_home/applications/$app_id.desktop" \
    "$data_home/metainfo/$app_id.metainfo.xml" \
    "$data_home/mime/packages/$app_id.xml" \
    "$data_home/icons/hicolor/scalable/apps/$icon_name.svg"
  for size in "${sizes[@]}"; do rm -f "$data_home/icons/hicolor/$size/apps/$icon_name.png"; done
  refresh_caches
  echo "Selection Desk removed from $data_home"
  exit 0
fi

if [[ -z "$program" ]]; then
  if [[ -x "$root/dist/selection-desk/selection-desk" ]]; then
    program="$root/dist/selection-desk/selection-desk"
  elif command -v selection-desk >/dev/null; then
    program="$(command -v selection-desk)"
  else
    echo "No Selection Desk program found: build it (packaging/build.sh) or pass --exec PROGRAM" >&2
    exit 1
  fi
fi
if [[ "$program" != /* ]]; then program="$PWD/$program"; fi

install -d "$data_home/applications" "$data_home/metainfo" "$data_home/mime/packages" \
  "$data_home/icons/hicolor/scalable/apps"
# The desktop entry names the program by its absolute path (quoted: it may hold spaces).
sed -e "s|^Exec=selection-desk |Exec=\"$program\" |" -e "s|^TryExec=selection-desk$|TryExec=$program|" \
  "$root/packaging/linux/$app_id.desktop" >"$data_home/applications/$app_id.desktop"
install -m 644 "$root/packaging/linux/$app_id.metainfo.xml" "$data_home/metainfo/"
install -m 644 "$root/packaging/linux/$app_id.mime.xml" "$data_home/mime/packages/$app_id.xml"
install -m 644 "$icons/$icon_name.svg" "$data_home/icons/hicolor/scalable/apps/"
for size in "${sizes[@]}"; do
  install -D -m 644 "$icons/hicolor/$size/apps/$icon_name.png" \
    "$data_home/icons/hicolor/$size/apps/$icon_name.png"
done
refresh_caches
echo "Selection Desk installed in $data_home (runs $program)"
