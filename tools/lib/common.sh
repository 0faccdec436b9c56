# Shared by tools/run and tools/test: install missing Debian packages, configure and build.
# Idempotent: a second run installs nothing and builds incrementally.

FC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Debian 12 packages the build and tests need.
FC_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libsqlite3-dev sqlite3 nlohmann-json3-dev libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev libcurl4-openssl-dev curl
  libzxing-dev libstb-dev libimgui-dev libglfw3-dev libgl-dev libglx-mesa0 libgl1-mesa-dri
  fonts-noto-cjk xvfb xauth openssl xdotool imagemagick
  librime-dev rime-data-pinyin-simp rime-prelude
  libcairo2-dev libpango1.0-dev poppler-utils
  libxlsxwriter-dev unzip
)

fc_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

fc_install_missing() {
  local missing=()
  for p in "${FC_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  fc_log "installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "forecourt: need root (or sudo) to install: ${missing[*]}" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# fc_build PRESET [targets...]
fc_build() {
  local preset="$1"; shift
  cd "$FC_ROOT"
  local dir
  case "$preset" in
    release) dir=build ;;
    *) dir="build/$preset" ;;
  esac
  if [ ! -f "$dir/build.ninja" ]; then
    fc_log "configuring ($preset)"
    cmake --preset "$preset" >/dev/null
  fi
  fc_log "building ($preset)"
  if [ $# -gt 0 ]; then
    cmake --build "$dir" -j"${FC_JOBS:-2}" --target "$@"
  else
    cmake --build "$dir" -j"${FC_JOBS:-2}"
  fi
}
