# Sourced by scripts/run and scripts/test: installs what the project needs on Debian 12.
#   bootstrap runtime   Qt's runtime libraries and the Python environment
#   bootstrap test      the above, plus the tools the tests drive for real
# System packages come from apt-get when running as root; otherwise the exact missing
# packages are named and the script stops. Python packages go into .venv through pip.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$REPO/.venv"

RUNTIME_PACKAGES=(
    python3 python3-venv
    libgl1 libegl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
    libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
    libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
    libxcb-xkb1 fonts-dejavu-core
)
TEST_PACKAGES=(
    dbus dbus-x11 gnome-keyring libsecret-tools   # a real Secret Service for keyring tests
    xvfb xauth                                    # screenshots under a virtual display
    openbox                                       # a real window manager on that display
    at-spi2-core python3-gi gir1.2-atspi-2.0      # the AT-SPI audit reads the app as Orca does
    xclip                                         # reads the real X11 clipboard in a test
    poppler-utils                                 # pdftotext, pdffonts, pdftoppm
    zbar-tools                                    # zbarimg decodes the certificate QR codes
    chromium chromium-driver                      # the hub dashboard in a real browser, no JavaScript
    binutils desktop-file-utils                   # the bundle build strips binaries; .desktop check
    nginx-light                                   # two hubs behind Debian's nginx, with TLS
    systemd                                       # systemd-analyze checks the hub's service unit
)
# Debian 12's own sqlcipher shell is SQLCipher 3 and cannot open SQLCipher 4 files.
BACKPORTS_PACKAGES=(sqlcipher)

say() { printf '%s\n' "$*" >&2; }

missing_packages() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || printf '%s\n' "$package"
    done
}

sqlcipher_shell_is_4() {
    command -v sqlcipher >/dev/null 2>&1 && sqlcipher -version 2>/dev/null | grep -q "SQLCipher 4"
}

enable_backports() {
    local list=/etc/apt/sources.list.d/bookworm-backports.sources
    grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/ && return 0
    cat > "$list" <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
}

install_system_packages() {
    local want_backports=$1; shift
    local missing
    missing=$(missing_packages "$@")
    local need_shell=0
    if [ "$want_backports" = yes ] && ! sqlcipher_shell_is_4; then need_shell=1; fi
    [ -z "$missing" ] && [ $need_shell = 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        say "These system packages are missing and there is no apt-get to install them:"
        say "  $(echo $missing) ${BACKPORTS_PACKAGES[*]/#/(SQLCipher 4 shell) }"
        return 1
    fi
    if [ "$(id -u)" != 0 ]; then
        say "Missing system packages. Install them as root, then run this again:"
        [ -n "$missing" ] && say "  sudo apt-get install -y $(echo $missing)"
        [ $need_shell = 1 ] && say "  sudo apt-get install -y -t bookworm-backports sqlcipher   # SQLCipher 4 shell"
        return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    [ $need_shell = 1 ] && enable_backports
    say "Installing system packages: $(echo $missing) $([ $need_shell = 1 ] && echo 'sqlcipher (backports)')"
    apt-get update -qq
    if [ -n "$missing" ]; then
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
    if [ $need_shell = 1 ]; then
        apt-get install -y -qq --no-install-recommends -t bookworm-backports "${BACKPORTS_PACKAGES[@]}" >/dev/null
    fi
}

install_python_environment() {
    local python=${PYTHON:-python3}
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the Python environment in .venv ..."
        "$python" -m venv "$VENV"
    fi
    local stamp="$VENV/.install-stamp"
    local wanted
    wanted=$(cat "$REPO/pyproject.toml" | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        say "Installing Python packages into .venv ..."
        "$VENV/bin/python" -m pip install -q --upgrade pip
        "$VENV/bin/python" -m pip install -q -e "$REPO[dev]"
        echo "$wanted" > "$stamp"
    fi
}

bootstrap() {
    local what=$1
    if [ "$what" = test ]; then
        install_system_packages yes "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}" || return 1
    else
        install_system_packages no "${RUNTIME_PACKAGES[@]}" || return 1
    fi
    install_python_environment
}
