/**
 * vitest globalSetup (Node side): the stand-in of the Facebook Graph, LinkedIn and X APIs
 * (social-standin.ts), its base URL provided as `socialStandin`. The Worker's FACEBOOK_API_URL,
 * LINKEDIN_API_URL and X_API_URL point under it, and TEST_SOCIAL_URL lets tests register tokens,
 * script failures and read the calls it got.
 */
import type { TestProject } from "vitest/node";
import { startSocialStandin } from "./social-standin";

declare module "vitest" {
  export interface ProvidedContext {
    socialStandin: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startSocialStandin();
  project.provide("socialStandin", server.url);
  return () => server.close();
}
