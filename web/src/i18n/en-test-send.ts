/** English strings of the test send on a campaign's preview. Spread into en.ts. */
export const enTestSend = {
  "testSend.title": "Send a test",
  "testSend.hint": "These addresses get the campaign as it stands now, with “[Prueba]” before the subject and the data of the contact chosen above (or sample data). No credit is used and it does not count in reports.",
  "testSend.to": "Send to",
  "testSend.toHint": "Up to 5 addresses, separated by commas.",
  "testSend.send": "Send test",
  "testSend.sending": "Sending…",
  "testSend.withContact": "With the data of {email}.",
  "testSend.withSample": "With sample data.",
  "testSend.result.sent": "{to}: sent.",
  "testSend.result.rejected": "{to}: the server refused it ({message}).",
  "testSend.result.deferred": "{to}: could not be delivered now ({message}). Try again.",
  "testSend.remaining": "You have {count} tests left this hour.",
  "testSend.errorEmpty": "Type at least one address.",
  "testSend.errorTooMany": "At most 5 addresses per test.",
  "testSend.errorInvalid": "Check this address: {email}",
  "error.test_send_limit": "You reached the limit of 50 tests an hour (emails and SMS). Try again later.",
} as const;
