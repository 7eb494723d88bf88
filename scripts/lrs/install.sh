#!/usr/bin/env bash
# Installs Ralph (https://github.com/openfun/ralph), a learning record store from PyPI, into a
# venv of its own for the tests that send statements to a real LRS. Does nothing when the venv
# already holds this version. RAPPORT_LRS_HOME chooses the folder (default /opt/rapport-lrs).
set -euo pipefail
home="${RAPPORT_LRS_HOME:-/opt/rapport-lrs}"
version="5.1.0"
if [ -x "$home/bin/ralph" ] && [ "$(cat "$home/.ralph-version" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
python3 -m venv "$home"
# The "lrs" extra is the HTTP server (FastAPI, uvicorn), "cli" the `ralph` command; the
# file-system backend needs no extra.
# requests: Ralph 5.1 imports it for OpenID Connect even with Basic auth only.
"$home/bin/pip" install --quiet --disable-pip-version-check "ralph-malph[cli,lrs]==$version" requests
echo "$version" >"$home/.ralph-version"
echo "Ralph $version installed in $home"
