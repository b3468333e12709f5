/**
 * Fail fast on unsafe configuration: which PUBLIC_URL is a deployment, which LINK_SECRET
 * is unsafe there, and that linkSecret refuses to hand out the public development fallback.
 */
import { describe, expect, it } from "vitest";
import { configProblem, DEV_LINK_SECRET, isDeployment, linkSecret } from "../../shared/security/deploy-config";

const PROD = "https://correo.muni.gob.pe";
const GOOD = "3f5c1b9e0a7d4c2b8e6f1a0d9c7b5e3a";

describe("isDeployment", () => {
  it("is true for https on a real host only", () => {
    expect(isDeployment(PROD)).toBe(true);
    expect(isDeployment("https://pregon.example.workers.dev/")).toBe(true);
    for (const local of [undefined, "", "http://127.0.0.1:8787", "http://correo.muni.gob.pe", "https://localhost:8787", "https://127.0.0.1", "https://[::1]:8787", "https://app.localhost", "not a url"]) {
      expect(isDeployment(local), String(local)).toBe(false);
    }
  });
});

describe("configProblem", () => {
  it("names LINK_SECRET when a deployment has none, a development default or a short one", () => {
    for (const secret of [undefined, "", DEV_LINK_SECRET, "dev-only-change-me-in-production", "change-me-please-0123456789", "short-secret"]) {
      const p = configProblem({ PUBLIC_URL: PROD, LINK_SECRET: secret });
      expect(p?.setting, String(secret)).toBe("LINK_SECRET");
      expect(p?.message).toMatch(/^LINK_SECRET /);
    }
  });

  it("accepts a random secret in a deployment and anything in local development", () => {
    expect(configProblem({ PUBLIC_URL: PROD, LINK_SECRET: GOOD })).toBeNull();
    expect(configProblem({})).toBeNull();
    expect(configProblem({ PUBLIC_URL: "http://127.0.0.1:8787" })).toBeNull();
    expect(configProblem({ PUBLIC_URL: "http://127.0.0.1:8787", LINK_SECRET: DEV_LINK_SECRET })).toBeNull();
  });
});

describe("linkSecret", () => {
  it("falls back to the development secret locally only", () => {
    expect(linkSecret({})).toBe(DEV_LINK_SECRET);
    expect(linkSecret({ LINK_SECRET: "e2e" })).toBe("e2e");
    expect(linkSecret({ PUBLIC_URL: PROD, LINK_SECRET: GOOD })).toBe(GOOD);
    expect(() => linkSecret({ PUBLIC_URL: PROD })).toThrow(/LINK_SECRET is not set/);
    expect(() => linkSecret({ PUBLIC_URL: PROD, LINK_SECRET: DEV_LINK_SECRET })).toThrow(/development default/);
  });
});
