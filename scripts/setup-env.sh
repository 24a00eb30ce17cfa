#!/usr/bin/env bash
# Shared by test.sh and demo.sh: system packages (LibreOffice, poppler) and a virtualenv in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=0
command -v soffice >/dev/null 2>&1 || need_apt=1
command -v pdftotext >/dev/null 2>&1 || need_apt=1
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || need_apt=1
command -v chromium >/dev/null 2>&1 || need_apt=1
if [ "$need_apt" = 1 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo ">> Memasang LibreOffice, poppler dan Chromium dari paket Debian ..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      libreoffice-calc libreoffice-writer libreoffice-script-provider-python python3-uno \
      poppler-utils fonts-liberation fonts-dejavu-core chromium >/dev/null
  else
    echo "!! LibreOffice/poppler/Chromium belum terpasang dan apt-get tidak ada; pasang secara manual." >&2
  fi
fi

# PostgreSQL server binaries (initdb, pg_ctl) for the store tests' throw-away cluster (tests/support/postgres.py);
# the tests start their own cluster on 127.0.0.1 in a temp folder, they never use a system service.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo ">> Memasang server PostgreSQL dari paket Debian (untuk test basis data) ..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    echo "!! PostgreSQL belum terpasang dan apt-get tidak ada; test PostgreSQL akan dilewati (gagal bila CI=true)." >&2
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo ">> Membuat virtualenv .venv ..."
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -c requirements/constraints.txt -e ".[dev]"
