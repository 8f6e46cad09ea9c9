// Copy what the site uses from GOV.UK Frontend into static/dist/ (run by `npm run build`).
//
// Only the JavaScript is copied. The site has its own brand, so GOV.UK's fonts (GDS Transport),
// crown images, icons and web app manifest are deliberately left behind.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const dist = join(root, "static", "dist");

// [source inside govuk-frontend/dist/govuk, destination inside static/dist]
const assets = [
  ["govuk-frontend.min.js", "js/govuk-frontend.min.js"],
  // The source map travels with the script: collectstatic's manifest storage follows the
  // script's sourceMappingURL comment and fails when the map is missing.
  ["govuk-frontend.min.js.map", "js/govuk-frontend.min.js.map"],
];

let failed = false;
for (const [from, to] of assets) {
  const source = join(govuk, from);
  const target = join(dist, to);
  if (!existsSync(source)) {
    console.error(`copy-assets: ${relative(root, source)} is missing; run npm ci`);
    failed = true;
    continue;
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
}
if (failed) {
  process.exit(1);
}
