/** `.dev.vars`: wrangler dev's local secrets, created from `.dev.vars.example` when missing. */
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Creates `.dev.vars` if needed; returns its values and whether it was just created. */
export function ensureDevVars(root) {
  const file = join(root, ".dev.vars");
  const created = !existsSync(file);
  if (created) copyFileSync(join(root, ".dev.vars.example"), file);
  return { created, values: parseDotenv(readFileSync(file, "utf8")) };
}

/** `KEY=value` lines; `#` comments, blank lines and optional quotes around values. */
export function parseDotenv(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m || raw.trimStart().startsWith("#")) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
  }
  return out;
}
