/** Types of the local SMS carrier service (sms-carrier.mjs), for the TypeScript tests that start it. */
export declare const smsCarrier: {
  name: string;
  title: string;
  ports: () => number[];
  start(opts: { host: string; port: number; devVars?: Record<string, string> }): Promise<{ stop: () => Promise<unknown>; banner: [string, string][]; vars: Record<string, string> }>;
};
/** The secret of the Worker's `local` SMS hooks for these .dev.vars values (SMS_HOOK_SECRET, else derived from LINK_SECRET). */
export declare function hookSecret(devVars: Record<string, string>): string;
