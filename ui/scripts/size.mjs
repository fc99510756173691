// Prints the gzipped size of every JavaScript file the build ships and fails when the total is over budget.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 300 * 1024;
const assets = join(import.meta.dirname, "..", "dist", "assets");

let files;
try {
  files = readdirSync(assets).filter((name) => name.endsWith(".js")).sort();
} catch (error) {
  console.error(`No build output in ${assets}: run "npm run build" first (${error.message})`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`No JavaScript files in ${assets}`);
  process.exit(1);
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
let total = 0;
for (const name of files) {
  const content = readFileSync(join(assets, name));
  const gzipped = gzipSync(content, { level: 9 }).length;
  total += gzipped;
  console.log(`${name.padEnd(40)} ${kib(content.length).padStart(11)} raw ${kib(gzipped).padStart(11)} gzip`);
}
console.log(`Total JavaScript (gzip): ${kib(total)} of ${kib(BUDGET_BYTES)} budget`);
if (total > BUDGET_BYTES) {
  console.error(`JavaScript bundle is over budget by ${kib(total - BUDGET_BYTES)}`);
  process.exit(1);
}
