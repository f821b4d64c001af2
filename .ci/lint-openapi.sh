#!/usr/bin/env bash
# Lints gradfit's OpenAPI document with Redocly CLI's recommended rules; fails on any error.
#
#   bash .ci/lint-openapi.sh                         # target/openapi.json, written by OpenApiContractTest
#   bash .ci/lint-openapi.sh path/to/openapi.json    # a saved document
#   bash .ci/lint-openapi.sh http://localhost:8080   # fetched from a running gradfit (/v3/api-docs)
#
# Installs the pinned @redocly/cli into target/redocly with npm when it is not there yet. One warning is
# expected: JobProgressBody is named only by the event stream's x-event-data (OpenAPI 3.0 cannot type the
# data of Server-Sent Events), which the no-unused-components rule does not count as a use.
set -euo pipefail

REDOCLY_VERSION=2.77.0
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source=${1:-$root/target/openapi.json}

if [[ $source == http://* || $source == https://* ]]; then
  mkdir -p "$root/target"
  curl -sSf "${source%/}/v3/api-docs" -o "$root/target/openapi-fetched.json"
  source=$root/target/openapi-fetched.json
fi
[[ -f $source ]] || { echo "lint-openapi: no document at $source (run OpenApiContractTest first)" >&2; exit 1; }

tools=$root/target/redocly
if [[ ! -x $tools/node_modules/.bin/redocly ]]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent "@redocly/cli@$REDOCLY_VERSION" >&2
fi

echo "lint-openapi: $source with @redocly/cli $REDOCLY_VERSION, recommended rules"
"$tools/node_modules/.bin/redocly" lint --extends=recommended "$source"
