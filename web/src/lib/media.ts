/**
 * Whether the screen is phone-sized (the width at which the navigation becomes a drawer, as in
 * app.css). Lets the layout place the account controls in the header or in the drawer without
 * rendering them twice.
 */
import { createSignal } from "solid-js";

const QUERY = "(max-width: 900px)";
const mq = typeof window !== "undefined" && window.matchMedia ? window.matchMedia(QUERY) : null;
const [narrow, setNarrow] = createSignal(mq?.matches ?? false);
mq?.addEventListener("change", (e) => setNarrow(e.matches));

/** @example <Show when={!isNarrow()}>…</Show> */
export const isNarrow = narrow;
