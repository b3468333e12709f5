/** Types of the local SMTP capture inbox service (smtp-inbox.mjs), for the TypeScript tests that start it. */
export declare const smtpInbox: {
  name: string;
  title: string;
  ports: () => number[];
  start(opts: { host: string }): Promise<{ stop: () => Promise<unknown>; banner: [string, string][]; vars: Record<string, string> }>;
};
