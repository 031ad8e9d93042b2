#!/usr/bin/env bash
# Re-vendor the YASGUI query editor served at /sparql: fetch @zazuko/yasgui from the npm registry,
# copy its built JS/CSS into api/static/yasgui/ and collect the licences of everything the bundle
# contains into THIRD-PARTY-LICENSES.txt. Run it only to change the version; commit the result.
set -euo pipefail
version="${1:-4.6.2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/api/static/yasgui"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@zazuko/yasgui@$version" >/dev/null   # npm checks the registry's integrity hash
tar -xzf "zazuko-yasgui-$version.tgz"
cp package/build/yasgui.min.js package/build/yasgui.min.css "$target/"
# The licences of the packages the bundle was built from (listed in its source map).
npm init -y >/dev/null
npm install --silent --ignore-scripts --no-audit --no-fund "@zazuko/yasgui@$version" >/dev/null
node - "$target/THIRD-PARTY-LICENSES.txt" <<'JS'
const fs = require("fs"), path = require("path");
const map = JSON.parse(fs.readFileSync("package/build/yasgui.min.js.map", "utf8"));
const names = new Set(["@zazuko/yasgui", "@zazuko/yasqe", "@zazuko/yasr", "@zazuko/yasgui-utils"]);
for (const s of map.sources) { const m = s.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//); if (m) names.add(m[1]); }
let out = "Licences of the packages bundled in yasgui.min.js / yasgui.min.css (@zazuko/yasgui and the\n" +
          "dependencies listed in its source map, versions as npm resolved them when vendoring).\n";
for (const name of [...names].sort()) {
  const dir = path.join("node_modules", name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const file = fs.readdirSync(dir).find(f => /^(licen[cs]e|copying)/i.test(f));
  out += `\n${"=".repeat(78)}\n${name} ${pkg.version}: ${JSON.stringify(pkg.license || "see licence text")}\n`;
  out += file ? "\n" + fs.readFileSync(path.join(dir, file), "utf8").trim() + "\n"
              : "\n(no licence file in the package; its package.json declares the licence above)\n";
}
fs.writeFileSync(process.argv[2], out);
JS
sha256sum "$target/yasgui.min.js" "$target/yasgui.min.css" | sed "s|$root/||"
