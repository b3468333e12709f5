// @refresh reload
/** Mounts the dashboard into the prerendered shell. */
import { mount, StartClient } from "@solidjs/start/client";

mount(() => <StartClient />, document.getElementById("app")!);
