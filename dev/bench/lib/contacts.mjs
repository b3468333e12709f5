/**
 * A deterministic CSV of `rows` distinct, valid contacts for the send benchmark (all of them
 * importable, none rejected): email, nombre, apellido, empresa, cargo and a custom column `ruc`,
 * which the importer maps to email, firstName, lastName, company, position and custom:ruc.
 * Emails are distinct by construction (the row number is in the local part).
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";

const FIRST = ["María", "José", "Luis", "Ana", "Carlos", "Rosa", "Jorge", "Lucía", "Miguel", "Carmen", "Juan", "Elena", "Pedro", "Sofía", "Víctor", "Gabriela", "Raúl", "Patricia", "César", "Milagros", "Ñusta", "Andrés"];
const LAST = ["Quispe", "Flores", "Rodríguez", "Huamán", "Mamani", "García", "Rojas", "Chávez", "Vásquez", "Ramírez", "Torres", "Castillo", "Mendoza", "Gutiérrez", "Núñez", "Paredes", "Zúñiga", "Ñahui"];
const COMPANIES = ["Inversiones Andinas S.A.C.", "Comercial del Sur E.I.R.L.", "Distribuidora Pacífico S.R.L.", "Constructora Los Álamos S.A.", "Transportes Chavín S.A.C.", "Ferretería El Sol E.I.R.L.", "Servicios Generales Wari S.A.C.", "Textil Cusqueña S.A."];
const POSITIONS = ["Gerente General", "Jefe de Compras", "Asistente de Logística", "Contador", "Ejecutivo de Ventas", "Representante Legal"];
const DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.es", "andinas.com.pe", "delsur.pe", "pacifico.com.pe", "alamos.pe"];

const ascii = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]/g, "");
const csv = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Write the file; resolves to `{ rows, bytes }`. */
export async function writeContactsCsv(file, { rows }) {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let buf = "email,nombre,apellido,empresa,cargo,ruc\r\n";
  const flush = async () => {
    bytes += Buffer.byteLength(buf);
    if (!out.write(buf)) await once(out, "drain");
    buf = "";
  };
  for (let i = 0; i < rows; i++) {
    // Strides coprime with each list length so the columns do not move in lockstep.
    const first = FIRST[(i * 7) % FIRST.length];
    const last = LAST[(i * 5 + 3) % LAST.length];
    const company = COMPANIES[(i * 3 + 1) % COMPANIES.length];
    const position = POSITIONS[(i * 11) % POSITIONS.length];
    const domain = DOMAINS[(i * 13 + 2) % DOMAINS.length];
    const email = `${ascii(first)}.${ascii(last)}${i}@${domain}`;
    const ruc = `20${String((i * 7_654_321 + 100_000_000) % 1_000_000_000).padStart(9, "0")}`;
    buf += [email, first, last, csv(company), position, ruc].join(",") + "\r\n";
    if (buf.length > 1 << 20) await flush();
  }
  await flush();
  out.end();
  await once(out, "close");
  return { rows, bytes };
}
