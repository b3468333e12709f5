/**
 * How the tenancy matrix (tenancy-matrix.test.ts) calls each operation that takes a path
 * parameter, so the call gets past body validation to the account check; and the operations
 * whose path parameter is not a resource of one account.
 */
import type { OperationId } from "../../shared/api/operations";
import type { Role } from "../../shared/auth/roles";
import { csvForm } from "./resource-helpers";

/** How to call one operation so it gets past body validation to the account check. */
export type Call = { body?: unknown; raw?: () => BodyInit; headers?: Record<string, string> };

/**
 * One entry per operation with a path parameter. A new such operation without an entry fails
 * "has a call for every operation with a path parameter", so no route slips past this matrix.
 */
export const CALLS: Partial<Record<OperationId, Call>> = {
  getUser: {},
  updateUser: { body: { name: "Intruso" } },
  resendWelcome: {},
  revokeApiKey: {},
  getList: {},
  updateList: { body: { name: "Intrusa" } },
  deleteList: {},
  listCleaning: {},
  validateList: {},
  createImport: { raw: () => csvForm() },
  listImports: {},
  getImport: {},
  startImport: { body: { mapping: ["email"] } },
  discardImport: {},
  importReport: {},
  getSegment: {},
  updateSegment: { body: { name: "Intruso" } },
  deleteSegment: {},
  segmentContacts: {},
  updateField: { body: { label: "Intruso" } },
  getContact: {},
  updateContact: { body: { firstName: "Intruso" } },
  deleteContact: {},
  getTemplate: {},
  updateTemplate: { body: { name: "Intruso" } },
  duplicateTemplate: {},
  deleteTemplate: {},
  previewTemplate: { body: {} },
  getCampaign: {},
  updateCampaign: { body: { name: "Intrusa" } },
  scheduleCampaign: { body: { at: "2035-01-01T09:00" } },
  sendCampaign: {},
  pauseCampaign: {},
  resumeCampaign: {},
  cancelCampaign: {},
  resendUnknown: {},
  testSendCampaign: { body: { to: ["prueba@example.org"] } },
  previewCampaign: { body: {} },
  getDomain: {},
  checkDomain: {},
  deleteDomain: {},
  campaignThrottle: {},
  campaignLive: { headers: { Upgrade: "websocket" } },
  campaignAnalytics: {},
  campaignSmsOperators: {},
  campaignSmsRecipients: {},
  campaignRecipients: {},
  campaignRecipient: {},
  campaignRecipientsCsv: {},
  campaignEventsCsv: {},
  getExport: {},
  deleteExport: {},
  deleteExportSchedule: {},
  smsThread: {},
  smsReply: { body: { text: "Hola desde B" } },
  deleteSmsKeyword: {},
  getSmsMessage: {},
  updateSmsConnection: { body: { priority: 2 } },
  deleteSmsConnection: {},
  updateWebhook: { body: { active: false } },
  deleteWebhook: {},
  testWebhook: {},
  listWebhookDeliveries: {},
  updateSocialAccount: { body: { autoPublish: false } },
  deleteSocialAccount: {},
  campaignSocialPosts: {},
  publishCampaignSocial: { body: {} },
  publishCampaign: {},
  unpublishCampaign: {},
  getAutomation: {},
  updateAutomation: { body: { name: "Intrusa" } },
  deleteAutomation: {},
  activateAutomation: {},
  pauseAutomation: {},
  automationStats: {},
  automationRuns: {},
};

/**
 * A phone number is not a resource of one account: B's thread with the number that wrote to A
 * is B's own (empty) thread, and B may text that number like any other. These operations answer
 * as for B's own data; what they must not do is show or touch A's conversation.
 */
export const NOT_ACCOUNT_SCOPED: Partial<Record<OperationId, Record<Role, number>>> = {
  smsThread: { owner: 200, admin: 200, sender: 200, editor: 200, viewer: 200 },
  // B's sender has no SMS credit of its own (allocation 0): allowed, refused for credit.
  smsReply: { owner: 202, admin: 202, sender: 409, editor: 403, viewer: 403 },
};
