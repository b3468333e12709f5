/**
 * The user manual (docs/manual/) stays whole: every picture dev/manual/screenshots.mjs copies is
 * really taken by the e2e test it names and is shown by some chapter, every picture a chapter
 * shows is in that list, and every link between chapters (file and #anchor) resolves, so a
 * renamed screenshot or heading fails here instead of leaving a broken manual.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PICTURES } from "../../dev/manual/screenshots.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const MANUAL = join(ROOT, "docs/manual");
const chapters = readdirSync(MANUAL).filter((f) => f.endsWith(".md"));
const text = (file: string) => readFileSync(join(MANUAL, file), "utf8");

/** GitHub's heading anchor: lower case, punctuation dropped (letters with accents kept), spaces to hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\- ]/gu, "").replace(/ /g, "-");
const anchorsOf = (file: string) => new Set([...text(file).matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]!)));

describe("user manual", () => {
  it("has an index and the ten chapters", () => {
    expect(chapters).toContain("README.md");
    expect(chapters.filter((f) => /^\d\d-/.test(f))).toHaveLength(10);
  });

  it("takes each picture from a screenshot its e2e test really saves", () => {
    expect(PICTURES.length).toBeGreaterThan(40);
    for (const [picture, screenshot, testFile] of PICTURES) {
      expect(picture, picture).toMatch(/^[a-z0-9-]+\.png$/);
      const source = readFileSync(join(ROOT, testFile), "utf8");
      expect(source, `${testFile} saves ${screenshot}`).toContain(screenshot.replace(/\.png$/, ""));
    }
    expect(new Set(PICTURES.map(([p]) => p)).size).toBe(PICTURES.length);
  });

  it("shows every listed picture and lists every picture it shows", () => {
    const shown = new Set(chapters.flatMap((f) => [...text(f).matchAll(/\]\(img\/([^)]+)\)/g)].map((m) => m[1]!)));
    expect([...shown].sort()).toEqual(PICTURES.map(([p]) => p).sort());
  });

  it("links only to chapters and headings that exist", () => {
    const broken: string[] = [];
    for (const file of chapters) {
      for (const [, link] of text(file).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|img\/)/.test(link!)) continue;
        const [path, anchor] = link!.split("#");
        const target = path || file;
        if (!existsSync(join(MANUAL, target))) broken.push(`${file}: ${link}`);
        else if (anchor && target.endsWith(".md") && !anchorsOf(target).has(anchor)) broken.push(`${file}: ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
