/**
 * `npm run manual:screenshots`: copies the user manual's pictures (docs/manual/img/) from the
 * screenshots the end-to-end tests save in tests/e2e/screenshots/ (gitignored), so the manual's
 * images always show the dashboard the tests just drove, never a stale hand-made capture.
 *
 *   npm test            (or: npm run build:web, then
 *                        npx vitest run --config tests/e2e/vitest.config.ts <the test files below>)
 *   npm run manual:screenshots
 *
 * The list below names each picture of the manual, the screenshot it comes from and the e2e test
 * file that takes it. Every named screenshot must exist: if one is missing the script copies
 * nothing, lists what is missing with the test that makes it, and exits 1. It never deletes
 * anything in docs/manual/img/ that is not in the list. Plain Node ESM, no dependencies.
 *
 * Options: --check only reports what is missing (exit 1) or would be copied, without copying;
 * --list prints the e2e test files to run, one a line.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FROM = join(ROOT, "tests/e2e/screenshots");
const TO = join(ROOT, "docs/manual/img");

/**
 * [picture in docs/manual/img, screenshot in tests/e2e/screenshots, test file that takes it].
 * Exported for tests/unit/manual.test.ts, which checks each test file names its screenshot and
 * each picture is used by the manual.
 */
export const PICTURES = [
  ["login.png", "01-login.png", "tests/e2e/dashboard.test.ts"],
  ["inicio.png", "03-home-owner.png", "tests/e2e/dashboard.test.ts"],
  ["menu-celular.png", "07-menu-phone.png", "tests/e2e/dashboard.test.ts"],
  ["listas.png", "a11-lists.png", "tests/e2e/audience.test.ts"],
  ["lista-nueva.png", "a03-list-create.png", "tests/e2e/audience.test.ts"],
  ["importar-columnas.png", "a24-wizard-xlsx-mapping.png", "tests/e2e/audience.test.ts"],
  ["importar-confirmar.png", "a07-wizard-confirm.png", "tests/e2e/audience.test.ts"],
  ["importar-resultado.png", "a09-wizard-report.png", "tests/e2e/audience.test.ts"],
  ["lista-detalle.png", "a10-list-detail.png", "tests/e2e/audience.test.ts"],
  ["contactos.png", "a12-contacts.png", "tests/e2e/audience.test.ts"],
  ["contacto.png", "a15-contact-detail.png", "tests/e2e/audience.test.ts"],
  ["segmento-nuevo.png", "a19-segment-builder.png", "tests/e2e/audience.test.ts"],
  ["supresion.png", "a21-suppression.png", "tests/e2e/audience.test.ts"],
  ["plantillas-galeria.png", "e1-templates-empty.png", "tests/e2e/campaigns.test.ts"],
  ["plantilla-editor.png", "m-template-editor.png", "tests/e2e/campaigns.test.ts"],
  ["plantilla-vista-previa.png", "m-template-preview.png", "tests/e2e/campaigns.test.ts"],
  ["campana-nueva.png", "e6-campaign-form.png", "tests/e2e/campaigns.test.ts"],
  ["campana-programar.png", "e14-schedule-confirm.png", "tests/e2e/campaigns.test.ts"],
  ["campana-enviar.png", "e8-send-confirm.png", "tests/e2e/campaigns.test.ts"],
  ["campana-enviada.png", "m-campaign-sent.png", "tests/e2e/campaigns.test.ts"],
  ["campana-prueba.png", "i0-test-send.png", "tests/e2e/inbox.test.ts"],
  ["campana-ab.png", "ab1-campaign-form.png", "tests/e2e/ab-campaign.test.ts"],
  ["campana-ab-resultados.png", "m-ab-testing.png", "tests/e2e/ab-campaign.test.ts"],
  ["informe-en-vivo.png", "m-live-report.png", "tests/e2e/live.test.ts"],
  ["destinatarios.png", "a4-recipients-all.png", "tests/e2e/analytics.test.ts"],
  ["destinatario-historial.png", "a6-recipient-timeline.png", "tests/e2e/analytics.test.ts"],
  ["analisis.png", "a2-analytics-hourly.png", "tests/e2e/analytics.test.ts"],
  ["sms-campana-nueva.png", "c1-sms-campaign-form.png", "tests/e2e/sms-campaign.test.ts"],
  ["sms-prueba.png", "c1b-sms-campaign-test.png", "tests/e2e/sms-campaign.test.ts"],
  ["sms-informe.png", "m-sms-report.png", "tests/e2e/sms-campaign.test.ts"],
  ["sms-compositor.png", "s2-composer-ucs2-gsm-offer.png", "tests/e2e/sms-composer.test.ts"],
  ["sms-configuracion.png", "m-sms-settings.png", "tests/e2e/sms-composer.test.ts"],
  ["bandeja-sms.png", "i2-inbox-conversation.png", "tests/e2e/sms-inbox.test.ts"],
  ["palabras-clave.png", "m-keywords.png", "tests/e2e/sms-inbox.test.ts"],
  ["automatizaciones.png", "au-list.png", "tests/e2e/automation-builder.test.ts"],
  ["automatizacion-editor.png", "au-builder.png", "tests/e2e/automation-builder.test.ts"],
  ["automatizacion-cifras.png", "au-stats.png", "tests/e2e/automation-builder.test.ts"],
  ["reporte-mensual.png", "m-report.png", "tests/e2e/reports.test.ts"],
  ["exportacion-nueva.png", "r4-export-form.png", "tests/e2e/reports.test.ts"],
  ["exportaciones.png", "m-exports.png", "tests/e2e/reports.test.ts"],
  ["subusuario-nuevo.png", "welcome-create-form.png", "tests/e2e/welcome.test.ts"],
  ["subusuario-creado.png", "welcome-created.png", "tests/e2e/welcome.test.ts"],
  ["usuarios-creditos.png", "05-users-owner.png", "tests/e2e/dashboard.test.ts"],
  ["creditos.png", "08-credits-owner.png", "tests/e2e/dashboard.test.ts"],
  ["configuracion.png", "m-settings.png", "tests/e2e/dashboard.test.ts"],
  ["dominio-registros.png", "d03-domain-records.png", "tests/e2e/domains.test.ts"],
  ["dominio-verificado.png", "d05-domain-verified.png", "tests/e2e/domains.test.ts"],
  ["limites-envio.png", "l2b-send-limits-card.png", "tests/e2e/send-limits.test.ts"],
  ["webhooks.png", "wh-log.png", "tests/e2e/webhooks.test.ts"],
  ["archivo-publico.png", "m-archive-settings.png", "tests/e2e/archive.test.ts"],
  ["redes-sociales.png", "social-settings.png", "tests/e2e/social.test.ts"],
  ["auditoria.png", "09-audit.png", "tests/e2e/dashboard.test.ts"],
];

function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has("--list")) {
    for (const test of [...new Set(PICTURES.map(([, , t]) => t))].sort()) console.log(test);
    return;
  }
  const missing = PICTURES.filter(([, from]) => !existsSync(join(FROM, from)));
  if (missing.length > 0) {
    console.error(`manual:screenshots: ${missing.length} of ${PICTURES.length} screenshots are missing in tests/e2e/screenshots/; nothing was copied.`);
    for (const [to, from, test] of missing) console.error(`  ${from} (for docs/manual/img/${to}) is taken by ${test}`);
    const tests = [...new Set(missing.map(([, , t]) => t))].sort();
    console.error(`Run them first: npm run build:web && npx vitest run --config tests/e2e/vitest.config.ts ${tests.join(" ")}`);
    process.exit(1);
  }
  if (args.has("--check")) {
    console.log(`manual:screenshots: all ${PICTURES.length} screenshots are present.`);
    return;
  }
  mkdirSync(TO, { recursive: true });
  let bytes = 0;
  for (const [to, from] of PICTURES) {
    copyFileSync(join(FROM, from), join(TO, to));
    bytes += statSync(join(TO, to)).size;
  }
  console.log(`manual:screenshots: copied ${PICTURES.length} pictures into docs/manual/img/ (${Math.round(bytes / 1024)} KB).`);
}

// Run only as a script (`node dev/manual/screenshots.mjs`), not when a test imports the list.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
