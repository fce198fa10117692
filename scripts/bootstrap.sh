#!/usr/bin/env bash
# Create .venv (once) and install salespipe with its test tools into it.
# Used by scripts/demo and .ci/run. Skips the install when pyproject.toml has not
# changed since the last one; pip's output goes to .venv/install.log and is shown
# only when the install fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "salespipe needs Python 3.11 or newer (found: $("$python" --version 2>&1))." >&2
  exit 1
fi
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  echo "Creating $venv ..." >&2
  "$python" -m venv "$venv"
fi
stamp="$venv/.salespipe-installed"
wanted="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && "$venv/bin/python" -c 'import salespipe' 2>/dev/null; then
  exit 0
fi
echo "Installing salespipe and its dependencies into $venv (log: $venv/install.log) ..." >&2
if ! {
  "$venv/bin/python" -m pip install --disable-pip-version-check --upgrade pip &&
  "$venv/bin/python" -m pip install --disable-pip-version-check -e "$root[test,all]"
} > "$venv/install.log" 2>&1; then
  tail -n 40 "$venv/install.log" >&2
  echo "Install failed; full log: $venv/install.log" >&2
  exit 1
fi
echo "$wanted" > "$stamp"
