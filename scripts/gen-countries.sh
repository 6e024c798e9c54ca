#!/usr/bin/env bash
# gen-countries.sh regenerates internal/extract/countries.json from two npm
# packages: world-countries (the mledoze/countries data set: names, official
# names, alternative spellings, demonyms, capitals and languages of every
# country) and @vvo/tzdb (the IANA time zones with the main cities of each,
# from GeoNames: the cities where summits and visits happen). Both are
# maintained upstream and versioned on npm. The output is slim and committed,
# so builds and CI never need npm; run this only to pick up new releases:
#   scripts/gen-countries.sh [WORLD_COUNTRIES_VERSION] [TZDB_VERSION]
set -euo pipefail
version="${1:-5.1.0}"
tzdb="${2:-6.202.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/internal/extract/countries.json"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "world-countries@$version" >/dev/null && tar xzf world-countries-*.tgz && mv package wc)
(cd "$tmp" && npm pack --silent "@vvo/tzdb@$tzdb" >/dev/null && tar xzf vvo-tzdb-*.tgz && mv package tz)
node - "$tmp/wc/countries.json" "$version" "$tmp/tz/raw-time-zones.json" "$tzdb" >"$out" <<'JS'
const fs = require("fs");
const [src, version, tzSrc, tzVersion] = process.argv.slice(2);
const all = JSON.parse(fs.readFileSync(src, "utf8"));
const cities = {}; // ISO 3166-1 alpha-2 → main cities
for (const z of JSON.parse(fs.readFileSync(tzSrc, "utf8"))) {
  (cities[z.countryCode] ||= []).push(...z.mainCities);
}
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
    cities: uniq((cities[c.cca2] || []).filter((x) => latin(x) && !(c.capital || []).includes(x))).sort(),
  }))
  .sort((a, b) => (a.cca3 < b.cca3 ? -1 : 1));
process.stdout.write(JSON.stringify({ source: "world-countries@" + version + ", @vvo/tzdb@" + tzVersion, countries }, null, 1) + "\n");
JS
echo "wrote $out ($(grep -c '"cca3"' "$out") countries)" >&2
