/** The account's CreditLedger Durable Object stub (one per main account). */
export function ledgerOf(env: Env, accountId: string) {
  return env.CREDIT_LEDGER.get(env.CREDIT_LEDGER.idFromName(accountId));
}
