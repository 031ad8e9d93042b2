#!/usr/bin/env bash
# Re-vendor Swagger UI served at /docs: fetch swagger-ui-dist from the npm registry and copy its built
# bundle, stylesheet, favicon and licence files into api/static/swagger-ui/. Run it only to change the
# version; commit the result and the hashes it prints (api/static/swagger-ui/README.md).
set -euo pipefail
version="${1:-5.35.0}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/api/static/swagger-ui"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "swagger-ui-dist@$version" >/dev/null   # npm checks the registry's integrity hash
tar -xzf "swagger-ui-dist-$version.tgz"
cp package/swagger-ui-bundle.js package/swagger-ui-bundle.js.LICENSE.txt package/swagger-ui.css \
   package/favicon-32x32.png package/LICENSE package/NOTICE "$target/"
cd "$target" && sha256sum swagger-ui-bundle.js swagger-ui.css favicon-32x32.png
