/** Spanish strings of SMS campaigns (issue 6): the channel choice, the SMS form, the text on the campaign page, the send confirmation. */
export const esSmsCampaign = {
  "smsCamp.channel": "Canal",
  "smsCamp.channel.email": "Correo",
  "smsCamp.channel.sms": "SMS",
  "smsCamp.form.text": "Mensaje",
  "smsCamp.form.textRequired": "Escribe el mensaje.",
  "smsCamp.form.submit": "Guardar borrador",
  "smsCamp.form.saving": "Guardando…",
  "smsCamp.form.cancel": "Cancelar",
  "smsCamp.text.title": "Mensaje SMS",
  "smsCamp.text.note": "Cada contacto recibe el mensaje con sus datos; los enlaces se cambian por un enlace corto propio.",
  "smsCamp.summary": "Se enviará a {count} contactos; se descontarán ~{credits} créditos.",
  "smsCamp.summaryApprox": "Se enviará a aprox. {count} contactos; se descontarán ~{credits} créditos (el número exacto se calcula al enviar).",
  "smsCamp.balance": "Tu saldo de SMS: {balance} créditos. Si no alcanza, se envía por grupos hasta agotarlo y la campaña se pausa.",
} as const;
