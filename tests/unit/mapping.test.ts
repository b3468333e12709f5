import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CsvParser } from "../../shared/import/csv-parser";
import type { Delimiter } from "../../shared/import/detect";
import { CONTACT_FIELDS, headerSignature, suggestMapping, validateMapping, type Mapping } from "../../shared/import/mapping";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/import");
function records(name: string, delimiter: Delimiter = ",", encoding = "utf-8"): string[][] {
  const text = new TextDecoder(encoding).decode(readFileSync(path.join(FIXTURES, name)));
  const p = new CsvParser(delimiter);
  return [...p.push(text), ...p.end()].map((r) => r.fields);
}
const one = (label: string) => suggestMapping([label], [])[0];

describe("suggestMapping with a header", () => {
  it("maps every documented Spanish and English label", () => {
    const expected: Record<string, string> = {
      Correo: "email", "Correo electrónico": "email", "E-mail": "email", Email: "email", MAIL: "email",
      Celular: "phone", Teléfono: "phone", Telefono: "phone", "Telefono movil": "phone", Móvil: "phone",
      Phone: "phone", Mobile: "phone", Número: "phone",
      Nombre: "firstName", Nombres: "firstName", "First name": "firstName",
      Apellido: "lastName", Apellidos: "lastName", "Apellido paterno": "lastName", "Last name": "lastName",
      Cargo: "position", Puesto: "position", Position: "position", "Job title": "position",
      Empresa: "company", "Razón social": "company", Company: "company", Organización: "company",
    };
    for (const [label, field] of Object.entries(expected)) expect(one(label), label).toBe(field);
  });
  it("maps longer labels people actually write", () => {
    expect(one("Correo institucional")).toBe("email");
    expect(one("Número de celular")).toBe("phone");
    expect(one("Nombres y apellidos")).toBe("firstName");
    expect(one("Nombre de la empresa")).toBe("company");
    expect(one("Cargo en la entidad")).toBe("position");
    expect(one("Correo de la empresa")).toBe("email");
  });
  it("turns other labels into custom fields with an ascii snake_case key", () => {
    expect(one("RUC")).toBe("custom:ruc");
    expect(one("Fecha de inscripción")).toBe("custom:fecha_de_inscripcion");
    expect(one("RUC de la empresa")).toBe("custom:ruc_de_la_empresa");
    expect(one("Número de DNI")).toBe("custom:numero_de_dni");
    expect(one("2do teléfono fijo")).toBe("phone");
    expect(one("1er año")).toBe("custom:f_1er_ano");
    expect(one("Dirección / Distrito (Lima)")).toBe("custom:direccion_distrito_lima");
    const long = suggestMapping(["Observaciones adicionales del área de imagen institucional", "correo"], []);
    expect(long[0]).toBe("custom:observaciones_adicionales_del_area_de");
    expect(validateMapping(long, 2)).toBeNull();
  });
  it("ignores columns with an empty or symbol-only label", () => {
    expect(suggestMapping(["Correo", "", "  ", "#"], [])).toEqual(["email", null, null, null]);
  });
  it("maps the fixture headers", () => {
    expect(suggestMapping(records("win1252-semicolon.csv", ";", "windows-1252")[0] ?? null, [])).toEqual([
      "firstName", "lastName", "email", "phone", "position", "company", "custom:monto_asignado",
    ]);
    expect(suggestMapping(records("bom-utf8.csv")[0] ?? null, [])).toEqual(["email", "firstName", "lastName", "phone", "company"]);
    expect(suggestMapping(records("tabs.tsv", "\t")[0] ?? null, [])).toEqual(["email", "firstName", "lastName", "phone", "position"]);
    expect(suggestMapping(records("multiline-quoted.csv")[0] ?? null, [])).toEqual(["email", "firstName", "custom:observaciones"]);
  });
  it("never maps two columns to one standard field: the surer label wins, then the leftmost", () => {
    expect(suggestMapping(["Apellido paterno", "Apellido materno", "Correo", "Correo alternativo"], [])).toEqual([
      "lastName", "custom:apellido_materno", "email", "custom:correo_alternativo",
    ]);
    expect(suggestMapping(["Correo", "Email"], [])).toEqual(["email", "custom:email"]);
    // SMS needs a mobile: "Celular" takes phone from a plain or landline "Teléfono".
    expect(suggestMapping(["Teléfono fijo", "Celular"], [])).toEqual(["custom:telefono_fijo", "phone"]);
    expect(suggestMapping(["Teléfono", "Celular"], [])).toEqual(["custom:telefono", "phone"]);
  });
  it("keeps custom keys unique", () => {
    expect(suggestMapping(["Correo", "Observación", "Observacion", "OBSERVACIÓN"], [])).toEqual([
      "email", "custom:observacion", "custom:observacion_2", "custom:observacion_3",
    ]);
  });
  it("takes email or phone from the data when no label names them", () => {
    const rows = [["ana@x.pe", "Ana", "987654321"], ["luis@x.pe", "Luis", "+51 912 345 678"], ["", "Rosa", "-"]];
    expect(suggestMapping(["Contacto", "Nombre", "Número de contacto"], rows)).toEqual(["email", "firstName", "phone"]);
    expect(suggestMapping(["Correo", "Nombre", "Dato"], rows)).toEqual(["email", "firstName", "phone"]);
    expect(suggestMapping(["Correo", "Nombre", "Celular"], [["Ana", "ana@x.pe", "x"]])).toEqual(["email", "firstName", "phone"]);
  });
  it("produces a valid mapping for every fixture that has an email or phone column", () => {
    const cases: [string, Delimiter, string][] = [
      ["win1252-semicolon.csv", ";", "windows-1252"], ["bom-utf8.csv", ",", "utf-8"], ["tabs.tsv", "\t", "utf-8"],
      ["mixed-good-bad.csv", ",", "utf-8"], ["duplicates.csv", ",", "utf-8"], ["formulas.csv", ",", "utf-8"],
    ];
    for (const [name, delimiter, encoding] of cases) {
      const [header = [], ...rows] = records(name, delimiter, encoding);
      expect(validateMapping(suggestMapping(header, rows), header.length), name).toBeNull();
    }
  });
});

describe("suggestMapping without a header", () => {
  it("guesses email and phone from the data and leaves the rest unmapped", () => {
    expect(suggestMapping(null, records("no-header.csv"))).toEqual(["phone", null, null, "email"]);
  });
  it("needs more than half of the non-empty cells to agree", () => {
    const rows = [["ana@x.pe", "987654321"], ["no", "987654322"], ["", "no"], ["luis@x.pe", ""]];
    expect(suggestMapping(null, rows)).toEqual(["email", "phone"]);
    expect(suggestMapping(null, [["ana@x.pe"], ["no"]])).toEqual([null]);
    expect(suggestMapping(null, [])).toEqual([]);
  });
  it("sizes the mapping to the header, or to the first row without one, whatever ragged rows follow", () => {
    expect(suggestMapping(null, [["a", "b@x.pe"], ["c", "d@x.pe", "extra"], ["e"]])).toEqual([null, "email"]);
    const [header = [], ...rows] = records("ragged-columns.csv");
    const mapping = suggestMapping(header, rows);
    expect(mapping).toEqual(["email", "firstName", "lastName", "phone"]);
    expect(validateMapping(mapping, header.length)).toBeNull();
  });
});

describe("headerSignature", () => {
  it("ignores case, accents, spacing and punctuation", () => {
    expect(headerSignature(["Correo Electrónico", " NOMBRES ", "Teléfono-Móvil"])).toBe("correo electronico|nombres|telefono movil");
    expect(headerSignature(["correo electronico", "Nombres", "telefono movil"])).toBe(headerSignature(["CORREO  ELECTRÓNICO", "nombres", "Teléfono (móvil)"]));
  });
  it("tells apart layouts that differ in order or width", () => {
    expect(headerSignature(["correo", "nombre"])).not.toBe(headerSignature(["nombre", "correo"]));
    expect(headerSignature(["correo", "nombre"])).not.toBe(headerSignature(["correo", "nombre", ""]));
  });
});

describe("validateMapping", () => {
  it("accepts a usable mapping", () => {
    expect(validateMapping(["email", "firstName", null, "custom:ruc"], 4)).toBeNull();
    expect(validateMapping(["phone"], 1)).toBeNull();
    expect(validateMapping([...CONTACT_FIELDS, `custom:${"a".repeat(40)}`], 7)).toBeNull();
  });
  it("names a length mismatch", () => {
    expect(validateMapping(["email"], 2)).toBe("the mapping has 1 columns but the file has 2");
  });
  it("requires an email or phone column", () => {
    expect(validateMapping(["firstName", null, "custom:email"], 3)).toBe("no column is mapped to email or phone");
  });
  it("refuses a field mapped twice, custom ones included", () => {
    expect(validateMapping(["email", "phone", "email"], 3)).toBe("columns 1 and 3 are both mapped to email");
    expect(validateMapping(["email", "custom:ruc", "custom:ruc"], 3)).toBe("columns 2 and 3 are both mapped to custom:ruc");
  });
  it("refuses bad custom keys and unknown fields", () => {
    const rule = "must be 1 to 40 characters of a-z, 0-9 and _, starting with a letter";
    for (const key of ["", "RUC", "1ruc", "_ruc", "fecha-inscripcion", "año", "a".repeat(41)]) {
      expect(validateMapping(["email", `custom:${key}`], 2), key).toBe(`column 2: custom field key "${key}" ${rule}`);
    }
    expect(validateMapping(["email", "fullName" as unknown as Mapping[number]], 2)).toBe('column 2: unknown field "fullName"');
  });
});
