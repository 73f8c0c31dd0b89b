#!/bin/sh
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 supports Python 3.8-3.10 only).
# Order: python3.10 on the PATH if it really runs, then any pyenv 3.10.x, then common locations.
runs_310() {
  "$@" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1
}
if runs_310 python3.10; then
  python3.10 -c 'import sys; print(sys.executable)'
  exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -t. -k3,3nr); do
    if runs_310 "$root/versions/$v/bin/python"; then
      echo "$root/versions/$v/bin/python"
      exit 0
    fi
  done
fi
for p in /usr/bin/python3.10 /usr/local/bin/python3.10 "$HOME/.local/bin/python3.10"; do
  if [ -x "$p" ] && runs_310 "$p"; then echo "$p"; exit 0; fi
done
cat >&2 <<'MSG'
ERROR: no Python 3.10 found. Rasa 3.6 runs on Python 3.8-3.10 only.
Install one of:
  - Debian/Ubuntu:  sudo apt-get install python3.10 python3.10-venv
  - pyenv:          pyenv install 3.10.13
then run the make command again.
MSG
exit 1
