#!/usr/bin/env sh
# Remove the app (not the records: they are in the user's data folder and stay encrypted).
#   ~/.local/opt/victim-champion/uninstall.sh   or   sudo /opt/victim-champion/uninstall.sh --system
set -eu
if [ "${1:-}" = "--system" ]; then
    PREFIX=/opt/victim-champion APPS=/usr/share/applications
    ICONS=/usr/share/icons/hicolor/scalable/apps BIN=/usr/local/bin
else
    DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
    PREFIX="$HOME/.local/opt/victim-champion" APPS="$DATA/applications"
    ICONS="$DATA/icons/hicolor/scalable/apps" BIN="$HOME/.local/bin"
fi
rm -f "$APPS/victim-champion.desktop" "$ICONS/victim-champion.svg"
[ -L "$BIN/victim-champion" ] && rm -f "$BIN/victim-champion"
rm -rf "$PREFIX"
echo "Removed the app from $PREFIX; encrypted records were left in place."
