/**
 * Schemas of the welcome flow for new sub-users (W5): the answer to creating a user (the user
 * plus whether the welcome mail went out), the look-up of a set-password link and the call that
 * uses it. The password rule is the one of every other password field (schemas.ts).
 */
import { z } from "zod";
import { UserOut, password } from "./schemas";

/** What happened to the welcome mail: `link` says whether it carried a set-password link (no password was given). */
export const WelcomeMailOut = z.object({
  sent: z.boolean(),
  link: z.boolean(),
  /** The relay's answer or the fault when it did not go out. */
  error: z.string().nullable(),
});
export const CreatedUserOut = UserOut.extend({ welcomeMail: WelcomeMailOut });
export type CreatedUserOut = z.infer<typeof CreatedUserOut>;

/** Who a valid set-password link is for (the page greets them by name). */
export const PasswordTokenOut = z.object({ email: z.string(), name: z.string(), expiresAt: z.string() });
export type PasswordTokenOut = z.infer<typeof PasswordTokenOut>;

export const SetPasswordBody = z.strictObject({ token: z.string().min(1).max(200), password });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;
/** The password is set; the page sends the person to log in with it (`next` is always "login"). */
export const SetPasswordOut = z.object({ ok: z.literal(true), email: z.string(), next: z.literal("login") });
export type SetPasswordOut = z.infer<typeof SetPasswordOut>;
