import { describe, expect, it } from "vitest";
import { parseSuppressionFile } from "../../shared/audience/suppression-file";

describe("parseSuppressionFile", () => {
  it("reads a bare list, guessing each kind and normalising it", () => {
    const f = parseSuppressionFile("Ana@Gmail.com\n987 654 321\n@Competidor.PE\nno es nada\n", "import");
    expect(f.entries).toEqual([
      { kind: "email", value: "ana@gmail.com", reason: "import", line: 1 },
      { kind: "phone", value: "+51987654321", reason: "import", line: 2 },
      { kind: "domain", value: "competidor.pe", reason: "import", line: 3 },
    ]);
    expect(f.rejects).toEqual([{ line: 4, reason: "not a valid domain" }]);
  });
  it("reads kind,value,reason rows after a Spanish header, as our own export writes them", () => {
    const f = parseSuppressionFile("\uFEFFtipo;valor;motivo;fecha\r\nemail;luis@empresa.pe;queja;2026-11-01\r\nphone;912345678;;\r\n", "import");
    expect(f.entries).toEqual([
      { kind: "email", value: "luis@empresa.pe", reason: "queja", line: 2 },
      { kind: "phone", value: "+51912345678", reason: "import", line: 3 },
    ]);
  });
});
