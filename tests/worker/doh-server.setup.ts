/**
 * vitest globalSetup (Node side): the local DNS-over-HTTPS server of doh-server.ts, its base
 * URL provided to the config as `dohServer`. The Worker's DOH_URL points at its /dns-query, so
 * sending-domain checks read the zone tests write through POST /zone and never the network.
 */
import type { TestProject } from "vitest/node";
import { startDohServer } from "./doh-server";

declare module "vitest" {
  export interface ProvidedContext {
    dohServer: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startDohServer();
  project.provide("dohServer", server.url);
  return () => server.close();
}
