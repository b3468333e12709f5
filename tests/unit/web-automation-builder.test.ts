/**
 * The automation builder's model (web/src/lib/automation-builder.ts, automation-saved.ts) and its words
 * (automation-words.ts): the body it builds passes the API's own schema, a saved automation
 * comes back into the same form, conditions link yes → next step and no → end, numbers are
 * checked before asking, step ids stay stable, a server error lands on the input it names, in
 * Spanish, and triggers read as Spanish phrases with names instead of ids.
 */
import { describe, expect, it } from "vitest";
import { CreateAutomationBody } from "../../shared/api/schemas-automations";
import { ApiError, type AutomationStep } from "../../web/src/lib/api";
import { moveStep, newStep, newTrigger, nextStepId, toBody, type BuilderState } from "../../web/src/lib/automation-builder";
import { errorSlot, fromAutomation, isLinear } from "../../web/src/lib/automation-saved";
import { describeStep, describeTrigger, emptyNames, fieldErrorText } from "../../web/src/lib/automation-words";

const sender = { fromName: "Municipalidad", fromAddress: "avisos@muni.gob.pe" };

function welcome(): BuilderState {
  const email = { ...newStep("email", "paso-1", sender), templateId: "tpl_1", subject: "Bienvenida, {{firstName}}" };
  const wait = { ...newStep("wait", "paso-2"), amount: "2", unit: "days" as const };
  const cond = { ...newStep("condition", "paso-3"), conditionKind: "step" as const, engagementStep: "paso-1", engagementEvent: "opened" as const };
  const tag = { ...newStep("tag", "paso-4"), tag: "lector" };
  return { name: "Bienvenida", trigger: { ...newTrigger("subscribed"), listId: "lst_1" }, steps: [email, wait, cond, tag] };
}

describe("toBody", () => {
  it("builds a body the API's schema accepts, with the condition's yes on the next step and no ending the run", () => {
    const r = toBody(welcome(), []);
    expect(r.errors).toBeNull();
    expect(r.body).toEqual({
      name: "Bienvenida",
      trigger: { type: "subscribed", listId: "lst_1" },
      steps: [
        { id: "paso-1", type: "email", templateId: "tpl_1", subject: "Bienvenida, {{firstName}}", fromName: "Municipalidad", fromAddress: "avisos@muni.gob.pe" },
        { id: "paso-2", type: "wait", amount: 2, unit: "days" },
        { id: "paso-3", type: "condition", condition: { type: "step_engagement", stepId: "paso-1", event: "opened" }, yes: "paso-4", no: null },
        { id: "paso-4", type: "tag", tag: "lector" },
      ],
    });
    expect(CreateAutomationBody.safeParse(r.body).success).toBe(true);
  });

  it("leaves the list out for 'any list' and gives a last condition yes = null", () => {
    const s = welcome();
    const r = toBody({ ...s, trigger: newTrigger("subscribed"), steps: s.steps.slice(0, 3) }, []);
    expect(r.body?.trigger).toEqual({ type: "subscribed" });
    expect(r.body?.steps[2]).toMatchObject({ type: "condition", yes: null, no: null });
    expect(CreateAutomationBody.safeParse(r.body).success).toBe(true);
  });

  it("refuses a wait that is not a whole number above 0 and a not-opened trigger without days, before asking the server", () => {
    const s = welcome();
    s.steps[1] = { ...s.steps[1]!, amount: "dos" };
    s.trigger = { ...newTrigger("engagement"), campaignId: "cmp_1", on: "not_opened", days: "" };
    expect(toBody(s, []).errors).toEqual({ "steps.1.amount": "au.err.amount", "trigger.days": "au.err.days" });
    s.steps[1] = { ...s.steps[1]!, amount: "400", unit: "days" };
    expect(toBody(s, []).errors).toMatchObject({ "steps.1.amount": "au.err.amount" });
  });

  it("builds a date trigger (Lima time) and an engagement condition on the contact's data", () => {
    const s = welcome();
    s.trigger = { ...newTrigger("date"), field: "custom:vence", direction: "before", days: "7", at: "08:30" };
    s.steps[2] = { ...s.steps[2]!, conditionKind: "contact", condition: { ...s.steps[2]!.condition, type: "list", listId: "lst_9", member: "no" } };
    const r = toBody(s, []);
    expect(r.body?.trigger).toEqual({ type: "date", field: "custom:vence", direction: "before", days: 7, at: "08:30" });
    expect(r.body?.steps[2]).toMatchObject({ condition: { type: "list", listId: "lst_9", member: false } });
    expect(CreateAutomationBody.safeParse(r.body).success).toBe(true);
  });

  it("sends a missing subject as typed, and the API's schema names steps.0.subject (shown next to that input)", () => {
    const s = welcome();
    s.steps[0] = { ...s.steps[0]!, subject: "  " };
    const r = toBody(s, []);
    expect(r.errors).toBeNull();
    const parsed = CreateAutomationBody.safeParse(r.body);
    expect(parsed.success).toBe(false);
    const path = parsed.error!.issues[0]!.path.join(".");
    expect(path).toBe("steps.0.subject");
    expect(errorSlot(path)).toBe("steps.0.subject");
    expect(fieldErrorText(new ApiError(400, "invalid_field", `${path}: Too small`, path))).toBe("Escribe el asunto del correo.");
    expect(fieldErrorText(new ApiError(400, "unknown_merge_field", "steps.0.subject: unknown merge field {{cargo_raro}}", "steps.0.subject"))).toBe("Usa un campo que no existe. {{cargo_raro}}");
    expect(fieldErrorText(new ApiError(404, "not_found", "steps.1.templateId: template not found", "steps.1.templateId"))).toBe("No se encontró lo elegido; puede que se haya borrado. Elige otro.");
  });
});

describe("fromAutomation", () => {
  it("reads a saved automation back into the same form (ids kept, campaignId left to the server)", () => {
    const body = toBody(welcome(), []).body!;
    const saved = { ...body, steps: body.steps.map((s) => (s.type === "email" ? { ...s, campaignId: "cmp_hidden" } : s)) };
    const state = fromAutomation(saved)!;
    expect(state.steps.map((s) => s.id)).toEqual(["paso-1", "paso-2", "paso-3", "paso-4"]);
    expect(toBody(state, []).body).toEqual(body);
  });

  it("answers null for steps that branch in ways the builder cannot show", () => {
    const steps: AutomationStep[] = [
      { id: "a", type: "condition", condition: { type: "step_engagement", stepId: "a", event: "opened" }, yes: null, no: "b" },
      { id: "b", type: "tag", tag: "x" },
    ];
    expect(isLinear(steps)).toBe(false);
    expect(fromAutomation({ name: "API", trigger: { type: "event", name: "alta" }, steps })).toBeNull();
    expect(isLinear([{ id: "a", type: "tag", tag: "x", next: null }, { id: "b", type: "tag", tag: "y" }])).toBe(false);
    expect(isLinear([{ id: "a", type: "tag", tag: "x", next: "b" }, { id: "b", type: "tag", tag: "y", next: null }])).toBe(true);
  });
});

describe("step ids and order", () => {
  it("gives the next free paso-N after the highest in use", () => {
    expect(nextStepId([])).toBe("paso-1");
    expect(nextStepId(["paso-1", "paso-3"])).toBe("paso-4");
    expect(nextStepId(["bienvenida", "paso-2"])).toBe("paso-3");
  });

  it("moves a step up or down and ignores moves past either end", () => {
    expect(moveStep(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moveStep(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moveStep(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveStep(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});

describe("errorSlot", () => {
  it("puts a server error on the input it names, or on the form when it names none", () => {
    expect(errorSlot("name")).toBe("name");
    expect(errorSlot("trigger.listId")).toBe("trigger.listId");
    expect(errorSlot("steps.2.condition.listId")).toBe("steps.2.condition");
    expect(errorSlot("steps.1.fromAddress")).toBe("steps.1.fromAddress");
    expect(errorSlot("steps.1.yes")).toBe("steps.1.general");
    expect(errorSlot("steps")).toBe("general");
    expect(errorSlot(undefined)).toBe("general");
  });
});

describe("words", () => {
  it("describes triggers in Spanish with names, never ids", () => {
    const names = emptyNames();
    names.lists.set("lst_1", "Proveedores");
    names.fields.set("vence", "Vencimiento del registro");
    names.campaigns.set("cmp_1", "Boletín de noviembre");
    expect(describeTrigger({ type: "subscribed" }, names)).toBe("Cuando un contacto se suscribe a cualquier lista");
    expect(describeTrigger({ type: "subscribed", listId: "lst_1" }, names)).toBe("Cuando un contacto se suscribe a la lista «Proveedores»");
    expect(describeTrigger({ type: "subscribed", listId: "lst_x" }, names)).toBe("Cuando un contacto se suscribe a la lista (lista borrada)");
    expect(describeTrigger({ type: "date", field: "custom:vence", direction: "before", days: 7, at: "09:00" }, names)).toBe("7 días antes de la fecha de «Vencimiento del registro», a las 09:00");
    expect(describeTrigger({ type: "engagement", campaignId: "cmp_1", on: "not_opened", days: 3 }, names)).toBe("Reenvío a quienes no abrieron la campaña «Boletín de noviembre» a los 3 días");
    expect(describeTrigger({ type: "sms_keyword", keyword: "info" }, names)).toBe("Cuando un contacto envía la palabra clave INFO por SMS");
  });

  it("describes steps for the live figures, a condition by the number of the email it looks at", () => {
    const steps: AutomationStep[] = [
      { id: "paso-1", type: "email", templateId: "t", subject: "Hola", fromName: "A", fromAddress: "a@b.pe" },
      { id: "paso-2", type: "wait", amount: 1, unit: "minutes" },
      { id: "paso-3", type: "condition", condition: { type: "step_engagement", stepId: "paso-1", event: "clicked" }, yes: null, no: null },
    ];
    const position = (id: string) => steps.findIndex((s) => s.id === id) + 1;
    expect(steps.map((s) => describeStep(s, emptyNames(), position))).toEqual(["Enviar correo: «Hola»", "Esperar 1 minuto", "Condición: ¿hizo clic en el correo del paso 1?"]);
  });
});

describe("resend to non-openers (B4)", () => {
  it("prefills the engagement trigger and one email step with the campaign's content, and makes a body the API accepts", async () => {
    const { resendState, toBody } = await import("../../web/src/lib/automation-builder");
    const { CreateAutomationBody } = await import("../../shared/api/schemas-automations");
    const state = resendState({ id: "camp-1", name: "Convocatoria", subject: "Bases 2027", templateId: "tpl-1", fromName: "Registro", fromAddress: "avisos@empresa.pe" }, "Reenvío");
    expect(state.trigger).toMatchObject({ type: "engagement", campaignId: "camp-1", on: "not_opened", days: "3" });
    expect(state.steps.map((s) => [s.id, s.type, s.templateId, s.subject, s.fromAddress])).toEqual([["paso-1", "email", "tpl-1", "Bases 2027", "avisos@empresa.pe"]]);
    const out = toBody(state, []);
    expect(out.errors).toBeNull();
    expect(CreateAutomationBody.safeParse(out.body).success).toBe(true);
    expect(out.body!.trigger).toEqual({ type: "engagement", campaignId: "camp-1", on: "not_opened", days: 3 });
  });
});
