/**
 * Lets plain Node 24 import the project's TypeScript (e.g. shared/email/merge.ts) with no new
 * dependency: Node's own type stripping in "transform" mode (module.stripTypeScriptTypes, which
 * also handles parameter properties, unlike the default strip-only loader), plus extensionless
 * relative specifiers ("./merge-format") resolved to ".ts" as the bundler does. Only files of
 * the project outside node_modules go through it. Node prints one ExperimentalWarning.
 *
 * @example await import("./ts-import.mjs"); const { compileTemplate } = await import("../../shared/email/merge.ts");
 */
import { readFileSync } from "node:fs";
import { registerHooks, stripTypeScriptTypes } from "node:module";
import { fileURLToPath } from "node:url";

let installed = false;

export function installTsHooks() {
  if (installed) return;
  installed = true;
  registerHooks({
    resolve(specifier, context, next) {
      try {
        return next(specifier, context);
      } catch (err) {
        const relative = specifier.startsWith("./") || specifier.startsWith("../");
        if (err?.code === "ERR_MODULE_NOT_FOUND" && relative && context.parentURL?.endsWith(".ts") && !/\.[cm]?[jt]s$/.test(specifier)) {
          return next(`${specifier}.ts`, context);
        }
        throw err;
      }
    },
    load(url, context, next) {
      if (!url.startsWith("file:") || !url.endsWith(".ts") || url.includes("/node_modules/")) return next(url, context);
      const source = stripTypeScriptTypes(readFileSync(fileURLToPath(url), "utf8"), { mode: "transform", sourceUrl: url });
      return { format: "module", source, shortCircuit: true };
    },
  });
}

installTsHooks();
