#!/bin/sh
# Install the Debian packages Yichuang needs to build, run and test, but only
# those that are missing: a machine that already has them is left untouched.
#
#   scripts/deps.sh build   libraries and tools to build and serve
#   scripts/deps.sh test    the above plus PostgreSQL, chromium, wrk, nginx, poppler, unzip
set -eu

want=${1:-build}

# pkg-config module -> Debian package
pc_pkgs="libmicrohttpd:libmicrohttpd-dev sqlite3:libsqlite3-dev libpq:libpq-dev
jansson:libjansson-dev libsodium:libsodium-dev cairo:libcairo2-dev pangocairo:libpango1.0-dev
libqrencode:libqrencode-dev xlsxwriter:libxlsxwriter-dev cmocka:libcmocka-dev
libzip:libzip-dev expat:libexpat1-dev"
# command -> Debian package
cmd_pkgs="cc:gcc make:make pkg-config:pkg-config node:nodejs npm:npm"
test_cmds="/usr/lib/postgresql/15/bin/postgres:postgresql-15 chromium:chromium wrk:wrk
nginx:nginx-light pdftoppm:poppler-utils sqlite3:sqlite3 runuser:util-linux unzip:unzip"

missing=""
for pair in $cmd_pkgs; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
for pair in $pc_pkgs; do
    pkg-config --exists "${pair%%:*}" 2>/dev/null || missing="$missing ${pair#*:}"
done
fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || missing="$missing fonts-noto-cjk"
if [ "$want" = test ]; then
    for pair in $test_cmds; do
        c=${pair%%:*}
        if [ -x "$c" ] || command -v "$c" >/dev/null 2>&1; then :; else missing="$missing ${pair#*:}"; fi
    done
fi

[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
