#!/bin/sh
# deps.sh - install the Debian packages motcua needs to build, run and test,
# when any is missing. Used by `make run` and `make test` on a fresh machine;
# extra package names given as arguments are added (e.g. clang for fuzzing;
# sqlite3, unzip and python3 are for the command-line tests, which read
# databases, workbooks and JSON lines; cairo, pango and the DejaVu fonts
# draw the printed forms, poppler-utils reads them back in the tests and zbar-tools
# the VietQR images;
# libssl-dev is libcrypto, which signs the electronic results, and the
# openssl command checks them in the tests;
# tests/browser/run.sh adds chromium, and nodejs and npm when node or npm
# is not on the PATH).
set -eu

packages="gcc make libc6-dev libsqlite3-dev libjansson-dev libutf8proc-dev
libsodium-dev libmagic-dev libmicrohttpd-dev libqrencode-dev libxlsxwriter-dev sqlite3
unzip python3 pkg-config libcairo2-dev libpango1.0-dev fonts-dejavu-core
poppler-utils zbar-tools libssl-dev openssl $*"

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
else
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
