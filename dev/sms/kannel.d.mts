/** Types of the SMS test harness (kannel.mjs, smsc-sim.mjs), for the TypeScript tests that start it. */
import type { EventEmitter } from "node:events";

/** One submit_sm as the simulated SMSC received it. Hex strings are the bytes on the wire. */
export type SmscSubmit = {
  seq: number;
  /** The message id answered in submit_sm_resp; null when the submit was refused with an error status. */
  id: string | null;
  at: string;
  from: string;
  to: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** The UDH (length byte included) when esm_class has UDHI (0x40). */
  udh: string | null;
  concat: { ref: number; total: number; seq: number } | null;
  /** short_message as sent: UDH + body. */
  shortMessage: string;
  body: string;
  text: string;
  /** A receipt state (DELIVRD, UNDELIV, EXPIRED, REJECTD…) or the SMPP error status answered (ESME_…). */
  outcome: string;
  receipt: { at: string; stat: string; text: string } | null;
};

export type SmscMo = { seq: number; at: string; from: string; to: string; text: string; dataCoding: number; bytes: string; acked: number };

export type SmscConfig = {
  deliveryDelayMs: number;
  failureRate: number;
  failureOutcome: string;
  outcomes: Record<string, string>;
  seed: number;
};

export type Smsc = {
  port: number;
  controlUrl: string;
  events: EventEmitter;
  messages(to?: string): SmscSubmit[];
  mos(): SmscMo[];
  config(): SmscConfig;
  sessions(): number;
  pendingReceipts(): number;
  configure(patch: Partial<SmscConfig>): SmscConfig;
  reset(): void;
  sendMo(mo: { from: string; to: string; text: string; coding?: "gsm" | "ucs2" }): Promise<SmscMo & { sessions: number }>;
  waitForBind(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

export declare function startSmsc(opts?: {
  host?: string;
  port?: number;
  controlPort?: number;
  systemId?: string | null;
  password?: string | null;
  config?: Partial<SmscConfig>;
}): Promise<Smsc>;

export type Kannel = {
  sendsmsUrl: string;
  username: string;
  password: string;
  adminUrl: string;
  adminPassword: string;
  dir: string;
  status(): Promise<string>;
  stop(): Promise<void>;
};

export declare function startKannel(opts: {
  smsc: { port: number; systemId?: string; password?: string };
  moUrl: string;
  username?: string;
  password?: string;
  maxMessages?: number;
  throughput?: number;
  resendSeconds?: number;
  waitForSmsc?: boolean;
  timeoutMs?: number;
}): Promise<Kannel>;
