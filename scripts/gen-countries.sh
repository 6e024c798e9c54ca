#!/usr/bin/env bash
# gen-countries.sh regenerates internal/extract/countries.json from the npm
# package world-countries (the mledoze/countries data set: names, official
# names, alternative spellings, demonyms, capitals and languages of every
# country, maintained upstream and versioned on npm). The output is slim and
# committed, so builds and CI never need npm; run this only to pick up a new
# release: scripts/gen-countries.sh [VERSION]
set -euo pipefail
version="${1:-5.1.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/internal/extract/countries.json"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "world-countries@$version" >/dev/null && tar xzf world-countries-*.tgz)
node - "$tmp/package/countries.json" "$version" >"$out" <<'JS'
const fs = require("fs");
const [src, version] = process.argv.slice(2);
const all = JSON.parse(fs.readFileSync(src, "utf8"));
// Latin-script strings only: the extractor reads English news.
const latin = (s) => /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}'’.\-]+$/u.test(s);
const uniq = (xs) => [...new Set(xs.filter(Boolean))];
const countries = all
  .map((c) => ({
    cca3: c.cca3,
    name: c.name.common,
    official: c.name.official,
    independent: !!c.independent,
    unMember: !!c.unMember,
    // Two-letter codes ("KZ", "IN", "IT") collide with English words; the
    // extractor's overlay adds the few that news uses (US, UK).
    alt: uniq(c.altSpellings.filter((s) => s.length > 2 && latin(s) && s !== c.name.common && s !== c.name.official)),
    demonyms: uniq(Object.values((c.demonyms || {}).eng || {})),
    capitals: uniq(c.capital || []),
    languages: uniq(Object.values(c.languages || {})),
  }))
  .sort((a, b) => (a.cca3 < b.cca3 ? -1 : 1));
process.stdout.write(JSON.stringify({ source: "world-countries@" + version, countries }, null, 1) + "\n");
JS
echo "wrote $out ($(grep -c '"cca3"' "$out") countries)" >&2
