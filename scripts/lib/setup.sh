# shellcheck shell=bash
# Shared by scripts/demo, scripts/test and .ci/run: the virtual environment and the
# compiled translations, so that a fresh clone needs nothing but Python 3.11.
# Source it; it defines functions and sets ROOT and VENV.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# CI passes its own throwaway environment; developers get .venv in the clone.
VENV=${KPS_VENV:-$ROOT/.venv}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

# True when we may install Debian packages ourselves (root, apt-get present).
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

apt_install() {
  say "Installing $* (apt-get)"
  # Package lists on a fresh machine are empty; refresh them once per run.
  if [ -z "${KPS_APT_UPDATED:-}" ]; then
    apt-get update -qq
    KPS_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_python() {
  local candidate
  for candidate in ${PYTHON:-} python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  die "Python 3.11 or newer is needed (Debian/Ubuntu: apt-get install python3 python3-venv)."
}

create_venv() {
  local python
  python=$(find_python)
  say "Creating the virtual environment $VENV"
  if ! "$python" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    # Debian ships venv's pip bootstrap separately.
    can_apt || die "$python cannot create a virtual environment: apt-get install python3-venv"
    apt_install python3-venv
    "$python" -m venv "$VENV"
  fi
}

# Creates the environment when missing and installs the platform with its development
# tools, but only when pyproject.toml changed since the last install: pip takes ~10 s
# even when everything is there, and the scripts run many times a day.
ensure_venv() {
  [ -x "$VENV/bin/python" ] || create_venv
  local stamp="$VENV/.kps-installed" wanted
  wanted=$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    say "Installing the platform and its dependencies (pip install -e '.[dev]')"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "${ROOT}[dev]"
    echo "$wanted" >"$stamp"
  fi
}

# Compiles the translation catalogues (.po → .mo) that are missing or out of date;
# without them the English interface silently stays Swedish.
ensure_messages() {
  local po mo stale=()
  while IFS= read -r po; do
    mo=${po%.po}.mo
    [ -f "$mo" ] && [ "$mo" -nt "$po" ] || stale+=("$po")
  done < <(find "$ROOT/locale" -name '*.po' 2>/dev/null)
  [ ${#stale[@]} -gt 0 ] || return 0
  if ! command -v msgfmt >/dev/null; then
    # A fresh clone has the committed .mo files; git gives them no meaningful mtime.
    if ! can_apt; then
      say "msgfmt is missing (apt-get install gettext): using the committed translations"
      return 0
    fi
    apt_install gettext
  fi
  for po in "${stale[@]}"; do
    msgfmt --check-format -o "${po%.po}.mo" "$po"
  done
}
