/** SSRF rules for user-supplied URLs (shared/net/targets.ts). */
import { describe, expect, it } from "vitest";
import { targetProblem } from "../../shared/net/targets";

const refusedAlways = ["http://169.254.169.254/latest/meta-data", "http://[fe80::1]/", "http://0.0.0.0:80/", "http://[::]/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[::ffff:169.254.169.254]/", "http://0xa9fea9fe/"];
const privateOnes = [
  "http://127.0.0.1:9000/hook", "http://127.1/", "http://2130706433/", "http://0x7f.1/", "http://[::1]/", "http://10.0.0.5/", "http://172.16.3.4/", "http://172.31.255.255/",
  "http://192.168.1.10/", "http://100.64.0.1/", "http://[fd00::1]/", "http://[::ffff:10.1.2.3]/", "http://localhost:8080/", "http://api.localhost/", "http://printer.local/",
  "http://db.internal/", "http://intranet/", "http://LOCALHOST./",
];
const publicOnes = ["https://crm.gob.pe/hooks/pregon", "http://8.8.8.8/", "http://172.32.0.1/", "http://192.169.0.1/", "https://[2001:4860:4860::8888]/", "https://hooks.example.com:8443/x?y=1", "http://100.128.0.1/"];

describe("targetProblem", () => {
  it.each(refusedAlways)("never calls %s", (url) => {
    expect(targetProblem(url, true)).toMatch(/link-local|reserved/);
    expect(targetProblem(url, false)).not.toBeNull();
  });
  it.each(privateOnes)("calls %s only where private targets are allowed", (url) => {
    expect(targetProblem(url, false)).toMatch(/loopback or private/);
    expect(targetProblem(url, true)).toBeNull();
  });
  it.each(publicOnes)("calls the public %s", (url) => {
    expect(targetProblem(url, false)).toBeNull();
  });
  it("refuses what is not an http(s) URL", () => {
    expect(targetProblem("ftp://crm.gob.pe/", true)).toBe("must be an http(s) URL");
    expect(targetProblem("file:///etc/passwd", true)).toBe("must be an http(s) URL");
    expect(targetProblem("no es una url", true)).toBe("is not a URL");
  });
});
