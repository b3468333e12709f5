/** Spanish strings of the test send on a campaign's preview. Spread into es.ts. */
export const esTestSend = {
  "testSend.title": "Enviar una prueba",
  "testSend.hint": "Llega a estas direcciones tal como está la campaña ahora, con «[Prueba]» antes del asunto y los datos del contacto elegido arriba (o datos de ejemplo). No descuenta créditos ni cuenta en los reportes.",
  "testSend.to": "Enviar a",
  "testSend.toHint": "Hasta 5 correos, separados por comas.",
  "testSend.send": "Enviar prueba",
  "testSend.sending": "Enviando…",
  "testSend.withContact": "Con los datos de {email}.",
  "testSend.withSample": "Con datos de ejemplo.",
  "testSend.result.sent": "{to}: enviado.",
  "testSend.result.rejected": "{to}: el servidor lo rechazó ({message}).",
  "testSend.result.deferred": "{to}: no se pudo entregar ahora ({message}). Inténtalo de nuevo.",
  "testSend.remaining": "Te quedan {count} pruebas en esta hora.",
  "testSend.errorEmpty": "Escribe al menos un correo.",
  "testSend.errorTooMany": "Como máximo 5 correos por prueba.",
  "testSend.errorInvalid": "Revisa este correo: {email}",
  "error.test_send_limit": "Llegaste al límite de 50 pruebas por hora (correos y SMS). Inténtalo más tarde.",
} as const;
