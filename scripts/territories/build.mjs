// Generates api/territories/data/territories.json (INSEE COG regions and
// départements) from the @etalab/decoupage-administratif npm package.
// Usage: cd scripts/territories && npm ci --ignore-scripts && node build.mjs

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, "node_modules", "@etalab", "decoupage-administratif");
const output = join(here, "..", "..", "api", "territories", "data", "territories.json");

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

const { version } = readJson(join(pkgDir, "package.json"));
const rawRegions = readJson(join(pkgDir, "data", "regions.json"));
const rawDepartements = readJson(join(pkgDir, "data", "departements.json"));

// The package README has a "Millésimes et versions de package" table mapping
// each COG year to a package version, e.g. "| 2026  | 6.0.0 | ...".
function cogYearOf(pkgVersion) {
  const readme = readFileSync(join(pkgDir, "README.md"), "utf8");
  for (const line of readme.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    if (/^\d{4}$/.test(cells[1] ?? "") && cells[2] === pkgVersion) {
      return Number(cells[1]);
    }
  }
  return fail(`no COG year for version ${pkgVersion} in the package README table`);
}

// Régions and départements (metropolitan + DROM); drop the collectivités
// d'outre-mer ("com": 975, 977, 978, 984, 986, 987, 988, 989).
const KEPT_ZONES = new Set(["metro", "drom"]);
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const regions = rawRegions
  .filter((r) => KEPT_ZONES.has(r.zone))
  .map((r) => ({ code: r.code, name: r.nom }))
  .sort(byCode);

const departments = rawDepartements
  .filter((d) => KEPT_ZONES.has(d.zone))
  .map((d) => ({ code: d.code, name: d.nom, region_code: d.region }))
  .sort(byCode);

// Fail loudly if the source data ever drifts from what the API expects.
const regionCodes = new Set(regions.map((r) => r.code));
const departmentCodes = new Set(departments.map((d) => d.code));
if (regions.length !== 18 || regionCodes.size !== 18) {
  fail(`expected 18 regions, got ${regions.length}: ${[...regionCodes].join(", ")}`);
}
if (departments.length !== 101 || departmentCodes.size !== 101) {
  fail(`expected 101 départements, got ${departments.length}: ${[...departmentCodes].join(", ")}`);
}
for (const r of regions) {
  if (!/^\d{2}$/.test(r.code) || !r.name) fail(`bad region ${JSON.stringify(r)}`);
}
for (const d of departments) {
  if (!/^(\d{2}|2[AB]|97\d)$/.test(d.code) || !d.name) fail(`bad département ${JSON.stringify(d)}`);
  if (!regionCodes.has(d.region_code)) fail(`département ${d.code} has unknown region ${d.region_code}`);
}
for (const r of regions) {
  if (!departments.some((d) => d.region_code === r.code)) fail(`region ${r.code} has no département`);
}

const result = {
  cog_year: cogYearOf(version),
  source: `@etalab/decoupage-administratif ${version}`,
  attribution: "Code officiel géographique (COG), INSEE — Licence Ouverte / Open Licence 2.0",
  regions,
  departments,
};

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(result, null, 2) + "\n", "utf8");
console.log(
  `Wrote ${output}: COG ${result.cog_year}, ${regions.length} regions, ${departments.length} départements.`,
);
