#!/usr/bin/env sh
# Install Victim Champion from this unpacked tarball, for one user (default) or, run as
# root with --system, for everyone. Nothing is downloaded; the records stay where they are.
#   ./install.sh              -> ~/.local/opt/victim-champion, menu entry, ~/.local/bin link
#   sudo ./install.sh --system -> /opt/victim-champion, /usr/share/applications, /usr/local/bin
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ "${1:-}" = "--system" ]; then
    PREFIX=/opt/victim-champion APPS=/usr/share/applications
    ICONS=/usr/share/icons/hicolor/scalable/apps BIN=/usr/local/bin
else
    DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
    PREFIX="$HOME/.local/opt/victim-champion" APPS="$DATA/applications"
    ICONS="$DATA/icons/hicolor/scalable/apps" BIN="$HOME/.local/bin"
fi
if [ ! -x "$HERE/victim-champion" ] || [ ! -d "$HERE/_internal" ]; then
    echo "Run install.sh from the unpacked victim-champion folder; the app files are not beside it." >&2
    exit 1
fi
mkdir -p "$PREFIX" "$APPS" "$ICONS" "$BIN"
# Replace an older copy of the app only; the records live in the user's data folder.
rm -rf "$PREFIX/_internal"
cp -a "$HERE/_internal" "$HERE/victim-champion" "$PREFIX/"
cp "$HERE/uninstall.sh" "$PREFIX/"
cp "$HERE/victim-champion.svg" "$ICONS/victim-champion.svg"
sed "s|@BUNDLE@|$PREFIX|g" "$HERE/victim-champion.desktop" > "$APPS/victim-champion.desktop"
chmod 644 "$APPS/victim-champion.desktop"
ln -sf "$PREFIX/victim-champion" "$BIN/victim-champion"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" || true
echo "Installed in $PREFIX. Check it with: $BIN/victim-champion self-test"
