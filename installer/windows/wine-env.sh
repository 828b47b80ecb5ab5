# Sourced by installer/windows/check and wine-run: where the Wine prefix and the Windows
# CPython live, and how to call Wine 8.0 (64-bit only) quietly and without prompts.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The prefix, the Windows Python and PyInstaller's work folder outlive a checkout, so a
# second run on the same machine skips what has not changed (each step checks a stamp).
WINE_ROOT="${VC_WINE_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/victim-champion/wine}"
export WINEPREFIX="${WINEPREFIX:-$WINE_ROOT/prefix}"
export WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko download prompts (this machine reaches no such host).
export WINEDLLOVERRIDES="mscoree,mshtml="
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver
WIN_PYTHON='C:\py311\python.exe'
DIST_WINDOWS="$REPO/dist-windows"
BUNDLE_WINDOWS="$DIST_WINDOWS/victim-champion"

# Wine 8.0 kills Python at start when stdout or stderr is a regular file, so output always
# goes through a pipe; and Wine drops QT_* from the Linux environment, so Qt settings are
# made inside Windows with cmd's "set".
wine_quiet() { "$WINE" "$@" 2>&1 | cat; }

# Windows path of a Linux path (Wine maps / to Z:).
winpath() { printf 'Z:%s' "$(realpath -m "$1" | sed 's#/#\\#g')"; }
