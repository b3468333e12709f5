import { describe, expect, it } from "vitest";
import { compileSegment, SegmentDefinition } from "../../shared/audience/segments";

describe("compileSegment", () => {
  it("binds every value and joins with AND or OR", () => {
    const all = compileSegment(
      {
        match: "all",
        conditions: [
          { type: "field", field: "company", op: "contains", value: "SAC" },
          { type: "field", field: "custom:ruc", op: "starts_with", value: "20_%" },
          { type: "verdict", verdict: "valid" },
        ],
      },
      0,
    );
    expect(all.sql).toBe("(instr(lower(c.company), lower(?)) > 0 AND lower(json_extract(c.fields, '$.ruc')) LIKE ? ESCAPE '\\' AND c.verdict = ?)");
    expect(all.params).toEqual(["SAC", "20\\_\\%%", "valid"]);
    const any = compileSegment({ match: "any", conditions: [{ type: "status", channel: "sms", status: "subscribed" }, { type: "list", listId: "L1", member: false }] }, 0);
    expect(any.sql).toBe("(c.sms_status = ? OR NOT EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = ? AND m.contact_id = c.id AND m.status = 'subscribed'))");
  });

  it("turns engagement windows into times from `now`", () => {
    const now = 100 * 86_400_000;
    const r = compileSegment({ match: "all", conditions: [{ type: "engagement", event: "opened", days: 7 }, { type: "engagement", event: "never_opened" }] }, now);
    expect(r.sql).toBe("(c.last_open_at >= ? AND c.last_open_at IS NULL)");
    expect(r.params).toEqual([93 * 86_400_000]);
  });

  it("refuses field names and shapes that could reach the SQL", () => {
    const bad = [
      { match: "all", conditions: [{ type: "field", field: "custom:x') OR 1=1 --", op: "eq", value: "a" }] },
      { match: "all", conditions: [{ type: "field", field: "password_hash", op: "eq", value: "a" }] },
      { match: "some", conditions: [{ type: "verdict", verdict: "valid" }] },
      { match: "all", conditions: [] },
    ];
    for (const def of bad) expect(SegmentDefinition.safeParse(def).success, JSON.stringify(def)).toBe(false);
  });
});
