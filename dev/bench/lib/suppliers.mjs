/**
 * A deterministic CSV of Peruvian suppliers for the import benchmark: one header and `rows` data
 * rows, written to `file` as it is generated (never held in memory). Seeded PRNG, so the same
 * (rows, seed) always gives the same bytes and the same expected counts.
 *
 * Columns: Correo, Nombres, Apellidos, Celular, Cargo, Empresa, RUC, Fecha de registro — which
 * the importer maps by itself to email, firstName, lastName, phone, position, company,
 * custom:ruc and custom:fecha_de_registro.
 *
 * Every good row has a distinct email (case-insensitively) and every row a distinct mobile, so
 * nothing collides by accident. About 2% of the rows are bad, of the kinds shared/import/rows.ts
 * and the import store reject, and counted one by one:
 *   - invalidEmail: an unusable email ("juan.perez@gmail", "sin correo", "ana..rojas@x.pe") and
 *     an empty Celular — nothing reachable is left;
 *   - noContact:    Correo and Celular both empty;
 *   - tooFew:       the last column missing;
 *   - tooMany:      a company name with an unquoted comma ("Inversiones Andinas, S.A.C."), one
 *                   column too many;
 *   - duplicate:    the email of an earlier good row (same case, upper case, or with spaces),
 *                   with other names and phone; the first occurrence wins.
 * Rows that look odd but are NOT rejected, and so count as good: an unusable email with a valid
 * mobile (kept as a phone-only contact), a valid email with an invalid or landline phone (kept,
 * phone dropped or flagged), typo domains (gmial.com: risky), quoted company names with commas.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** Bump when the output for a given (rows, seed) changes, so cached files are not reused. */
export const GENERATOR_VERSION = 3;

export const HEADER = ["Correo", "Nombres", "Apellidos", "Celular", "Cargo", "Empresa", "RUC", "Fecha de registro"];

/** sfc32: small, fast, good enough for test data, and the same on every Node. */
export function prng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

const FIRST = [
  "José", "María", "Luis", "Rosa", "Jorge", "Ana", "Carlos", "Lucía", "Juan", "Carmen", "Víctor", "Sofía",
  "Raúl", "Milagros", "Martín", "Rocío", "Andrés", "Inés", "Ramón", "Nélida", "Héctor", "Fiorella", "Ángel",
  "Yesenia", "Jesús", "Maricielo", "César", "Gladys", "Óscar", "Verónica", "Julio", "Mónica", "Iván", "Sonia",
  "Percy", "Karina", "Walter", "Mercedes", "Edwin", "Elena", "Wilfredo", "Zoila", "Hugo", "Liliana", "Miguel",
  "Patricia", "Renzo", "Gabriela", "Joel", "Flor", "Álvaro", "Begoña", "Germán", "Judith", "Nicolás",
  "Ximena", "Efraín", "Pilar", "Rubén", "Teresa", "Simón", "Maribel", "Ulises", "Noemí", "Tomás", "Jimena",
];
const SECOND = ["Alberto", "Isabel", "Antonio", "del Pilar", "Enrique", "Elena", "Manuel", "Luz", "Alonso", "Belén"];
const LAST = [
  "Quispe", "Mamani", "Huamán", "Flores", "Rodríguez", "Sánchez", "García", "Ramírez", "Chávez", "Gonzáles",
  "Vásquez", "Castillo", "Mendoza", "Pérez", "Gutiérrez", "Díaz", "Rojas", "Torres", "Ñahui", "Cárdenas",
  "Espinoza", "Ccori", "Condori", "Apaza", "Álvarez", "Núñez", "Zúñiga", "Peña", "Ibáñez", "Tello", "León",
  "Ríos", "Ayala", "Vargas", "Salazar", "Paredes", "Ortiz", "Medina", "Córdova", "Alarcón", "Huanca",
  "Yupanqui", "Cusi", "Puma", "Llanos", "Ugarte", "Benítez", "Cruz", "Villanueva", "Aguilar", "Rivera",
  "Ticona", "Choque", "Ccahuana", "Solís", "Muñoz", "Sáenz", "Calderón", "Rivas", "Málaga",
];
const POSITIONS = [
  "Gerente General", "Jefe de Compras", "Asistente de Logística", "Analista de Adquisiciones", "Ejecutivo de Ventas",
  "Contador", "Administradora", "Supervisor de Almacén", "Coordinadora Comercial", "Jefa de Proyectos",
  "Ejecutivo de Cuentas", "Técnico de Mantenimiento", "Representante Legal", "Asistente Administrativo",
  "Gerente Comercial", "Jefe de Operaciones", "Encargada de Facturación", "Ingeniero de Campo", "Dueño", "", "", "", "", "",
];
const TRADE = [
  "Inversiones", "Comercial", "Distribuidora", "Ferretería", "Constructora", "Servicios Generales", "Importaciones",
  "Transportes", "Corporación", "Consultora", "Textil", "Agroindustrias", "Minera", "Laboratorios", "Representaciones",
  "Multiservicios", "Negociaciones", "Grupo", "Industrias", "Soluciones",
];
const NAME_WORDS = [
  "Andina", "del Sur", "San Martín", "Los Álamos", "Pacífico", "Amazónica", "Inca", "Santa Rosa", "El Sol", "Chavín",
  "Wari", "Miraflores", "Arequipa", "Cusqueña", "Norteña", "Chimú", "Huascarán", "Titicaca", "Paracas", "Nazca",
  "Mochica", "Vilcanota", "Misti", "La Unión", "Los Andes", "Virgen de Chapi", "Señor de Muruhuay", "Piura", "Ucayali",
  "Tumbes", "Callao", "Lurín", "Chancay", "Ica", "Cajamarca", "Ayacucho", "Junín", "Huánuco", "Moquegua", "Tacna",
];
const FORMS = ["S.A.C.", "S.A.C.", "S.A.C.", "E.I.R.L.", "E.I.R.L.", "S.R.L.", "S.A."];
const ENTITIES = ["Municipalidad Distrital de", "Municipalidad Provincial de", "Gobierno Regional de", "UGEL", "Hospital Regional de", "Dirección Regional de Salud"];
const ENTITY_ABBR = ["munid", "munip", "region", "ugel", "hospital", "diresa"];
const FREEMAIL = [["gmail.com", 0.3], ["hotmail.com", 0.12], ["outlook.com", 0.07], ["yahoo.com", 0.04], ["yahoo.es", 0.02]];
const TYPOS = ["gmial.com", "hotmial.com", "gmail.con", "outlok.com", "yahooo.com"];

/** "Ñahui Cárdenas" → "nahuicardenas": ascii, lower case, letters only. */
const ascii = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]/g, "");

/** A pool of companies and public entities, each with its own distinct domain and RUC. */
function companyPool(rand, size) {
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const seen = new Set();
  const pool = [];
  while (pool.length < size) {
    let name, domain, ruc;
    if (rand() < 0.12) {
      const k = Math.floor(rand() * ENTITIES.length);
      const place = pick(NAME_WORDS);
      const n = Math.floor(rand() * 40) + 1;
      name = k === 3 ? `UGEL ${String(n).padStart(2, "0")} ${place}` : `${ENTITIES[k]} ${place}`;
      domain = `${ENTITY_ABBR[k]}${ascii(place).slice(0, 10)}${k === 3 ? n : ""}.gob.pe`;
      ruc = `20${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`;
    } else {
      const owner = rand() < 0.4 ? pick(LAST) : pick(NAME_WORDS);
      const extra = rand() < 0.2 ? ` ${pick(NAME_WORDS)}` : "";
      const trade = pick(TRADE);
      name = `${trade} ${owner}${extra} ${pick(FORMS)}`;
      // Short domains, as companies pick them: "quispe.com.pe", "fequispe.pe", "transandina.com.pe".
      const o = ascii(owner).slice(0, 10);
      const v = rand();
      const base = v < 0.4 ? o : v < 0.7 ? ascii(trade).slice(0, 2) + o : v < 0.9 ? ascii(trade).slice(0, 5) + o : o + ascii(extra || pick(NAME_WORDS)).slice(0, 4);
      domain = `${base}${rand() < 0.7 ? ".com.pe" : ".pe"}`;
      ruc = `${rand() < 0.85 ? "20" : "10"}${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`;
    }
    if (seen.has(domain)) continue;
    seen.add(domain);
    pool.push({ name, domain, ruc, index: pool.length });
  }
  return pool;
}

/** CSV cell: quoted when it holds a comma or a quote. */
const csv = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** "987654321" in one of the ways people type a Peruvian mobile. */
function formatMobile(d, r) {
  if (r < 0.35) return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
  if (r < 0.6) return `+51${d}`;
  if (r < 0.75) return `51 ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  if (r < 0.9) return d;
  return `+51 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/**
 * Write the file. Resolves to what the import of it must report:
 * `{ rows, bytes, bad, good, kinds: { invalidEmail, noContact, tooFew, tooMany, duplicate }, kept: {...} }`.
 */
export async function writeSuppliersCsv(file, { rows, seed = 20261129, companies = 4000 } = {}) {
  const rand = prng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const pool = companyPool(rand, companies);
  // A distinct mobile per row: i ↦ (a·i + b) mod 10^8 is a permutation (a is a prime other
  // than 2 and 5), and a large a scatters the numbers.
  if (rows > 100_000_000) throw new Error("at most 100 million rows (one distinct mobile each)");
  const mobile = (i) => `9${String((i * 39_916_801 + 12_345_678) % 100_000_000).padStart(8, "0")}`;
  // Distinct emails without remembering them: a local part never has digits, and gets a number
  // that is never repeated under the same domain (corporate: a counter per domain, as in
  // jperez@x.pe, jperez2@x.pe…) or under the same local part and domain (webmail: ana.quispe7).
  const perDomain = new Int32Array(pool.length);
  const perLocal = new Map();
  const numbered = (prefix, n) => (n === 0 ? prefix : `${prefix}${n + 1}`);

  const kinds = { invalidEmail: 0, noContact: 0, tooFew: 0, tooMany: 0, duplicate: 0 };
  const kept = { phoneOnly: 0, badPhone: 0, noPhone: 0, typo: 0, quotedComma: 0 };
  // Emails of earlier good rows, for duplicates: the recent ones (same or nearby batch) and a
  // sample from far back (an earlier batch long written).
  const recent = new Array(4096);
  let recentN = 0;
  const old = [];

  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let buf = HEADER.join(",") + "\r\n";
  const write = async () => {
    bytes += Buffer.byteLength(buf);
    if (!out.write(buf)) await once(out, "drain");
    buf = "";
  };

  for (let i = 0; i < rows; i++) {
    const first = pick(FIRST);
    const second = rand() < 0.12 ? pick(SECOND) : "";
    const firstNames = second ? `${first} ${second}` : first;
    const l1 = pick(LAST), l2 = pick(LAST);
    const lastNames = rand() < 0.7 ? `${l1} ${l2}` : l1;
    const company = pick(pool);
    const r = rand();
    const fa = ascii(first), la = ascii(l1);
    const local = r < 0.3 ? `${fa}.${la}` : r < 0.5 ? `${fa[0]}${la}` : r < 0.65 ? `${fa}${la[0]}` : r < 0.8 ? `${fa}_${la}` : `${la}.${fa}`;
    let domain;
    const rd = rand();
    if (rd < 0.45) domain = company.domain;
    else {
      let acc = 0.45;
      domain = "gmail.com";
      for (const [d, p] of FREEMAIL) if (rd < (acc += p)) { domain = d; break; }
    }
    if (rand() < 0.004) { domain = pick(TYPOS); kept.typo++; }
    let email;
    if (domain === company.domain) email = `${numbered(local, perDomain[company.index]++)}@${domain}`;
    else {
      const key = `${local}@${domain}`;
      const n = perLocal.get(key) ?? 0;
      perLocal.set(key, n + 1);
      email = `${numbered(local, n)}@${domain}`;
    }
    let phone = formatMobile(mobile(i), rand());
    const position = pick(POSITIONS);
    let companyCell = csv(company.name);
    let ruc = company.ruc;
    // A sole trader ("persona natural con negocio") on webmail: no company, a RUC 10 + DNI.
    const soleTrader = domain !== company.domain && rand() < 0.4;
    if (soleTrader) {
      companyCell = "";
      ruc = `10${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`;
    }
    let date = `${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}/${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}/${2019 + Math.floor(rand() * 7)}`;
    const rq = rand();
    if (rq < 0.03 && !soleTrader) companyCell = csv(company.name.replace(/ (S\.A\.C\.|E\.I\.R\.L\.|S\.R\.L\.|S\.A\.)$/, ", $1"));
    if (companyCell.startsWith('"')) kept.quotedComma++;

    let bad = null;
    const rb = rand();
    if (rb < 0.02) {
      const k = rand();
      if (k < 0.25) {
        bad = "invalidEmail";
        const v = rand();
        email = v < 0.3 ? `${local}@${domain.slice(0, domain.indexOf("."))}` : v < 0.5 ? "sin correo" : v < 0.7 ? `${fa}..${la}@${domain}` : v < 0.85 ? `${local}${domain}` : `${fa} ${la}@${domain}`;
        phone = "";
      } else if (k < 0.35) {
        bad = "noContact";
        email = "";
        phone = "";
      } else if (k < 0.5) {
        bad = "tooFew";
      } else if (k < 0.65) {
        bad = "tooMany";
        companyCell = company.name.replace(/ (S\.A\.C\.|E\.I\.R\.L\.|S\.R\.L\.|S\.A\.)$/, ", $1").replace(/^([^,]*)$/, "$1, Perú");
      } else if (recentN > 0) {
        bad = "duplicate";
        const src = old.length > 0 && rand() < 0.3 ? old[Math.floor(rand() * old.length)] : recent[Math.floor(rand() * Math.min(recentN, recent.length))];
        const v = rand();
        email = v < 0.6 ? src : v < 0.85 ? src.toUpperCase() : `  ${src} `;
      }
    }
    if (bad === null) {
      // Good rows that still look odd, none of them rejected.
      const g = rand();
      if (g < 0.006) { email = `${fa}.${la}@`; kept.phoneOnly++; } // bad email, good mobile: a phone-only contact
      else if (g < 0.012) { phone = rand() < 0.5 ? "12345" : "(01) 426-7000"; kept.badPhone++; }
      else if (g < 0.08) { phone = ""; kept.noPhone++; }
    }
    if (bad !== null) kinds[bad]++;
    else if (email.includes("@") && !email.endsWith("@")) {
      recent[recentN++ % recent.length] = email;
      if (old.length < 2000 && rand() < 0.01) old.push(email);
    }

    const cells = [csv(email), firstNames, lastNames, phone, position, companyCell, ruc];
    if (bad !== "tooFew") cells.push(date);
    buf += cells.join(",") + "\r\n";
    if (buf.length > 1 << 20) await write();
  }
  await write();
  out.end();
  await once(out, "close");
  const badRows = Object.values(kinds).reduce((a, b) => a + b, 0);
  return { version: GENERATOR_VERSION, rows, seed, bytes, bad: badRows, good: rows - badRows, kinds, kept };
}
