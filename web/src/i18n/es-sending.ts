/**
 * Spanish strings of the send limits: the "Límites de envío" section of Configuración and the
 * notice on a campaign held back by them. Spread into es.ts.
 */
export const esSending = {
  "camp.etaHeld": "Depende de los límites de envío",
  "limits.title": "Límites de envío",
  "limits.hint":
    "Gmail, Outlook y Yahoo desconfían de un remitente que de pronto envía miles de correos: los mandan a spam o los rechazan. Estos límites reparten tus campañas en el tiempo. Valen para todas las campañas de la cuenta juntas; lo que no cabe en una hora o en un día sale en la siguiente tanda.",
  "limits.perHour": "Por proveedor, correos por hora",
  "limits.perHourHint": "Cuántos correos por hora pueden ir a los buzones de cada proveedor. Déjalo vacío para no limitar.",
  "limits.provider.gmail": "Gmail",
  "limits.provider.outlook": "Outlook / Hotmail",
  "limits.provider.yahoo": "Yahoo",
  "limits.provider.other": "Otros dominios",
  "limits.domains.gmail": "gmail.com, googlemail.com",
  "limits.domains.outlook": "outlook, hotmail, live, msn",
  "limits.domains.yahoo": "yahoo, ymail, rocketmail",
  "limits.domains.other": "Todos los demás, p. ej. los de tu institución",
  "limits.usedThisHour": "Esta hora: {used}",
  "limits.noLimit": "Sin límite",
  "limits.relay": "Servidor de envío: {rate} correos por minuto para toda la plataforma (lo fija quien administra el servidor).",
  "limits.relayNone": "El servidor de envío no tiene un límite por minuto.",
  "limits.warmup": "Calentamiento (warm-up)",
  "limits.warmupUse": "Usar un calentamiento",
  "limits.warmupHint":
    "Para un dominio o servidor nuevo: empieza con pocos correos al día y sube poco a poco, así los proveedores aprenden a confiar en ti.",
  "limits.startDate": "Fecha de inicio (día 1)",
  "limits.startDateHint": "En hora de Lima. Antes de esa fecha rige el límite del día 1.",
  "limits.dailyCaps": "Correos por día",
  "limits.dailyCapsHint": "Un número por día, separados por comas o espacios, de menor a mayor (p. ej. 200, 500, 1000, 5000). Después del último día sigue rigiendo el último.",
  "limits.today": "Hoy es el día {day}: hasta {cap} correos (enviados hoy: {used}).",
  "limits.notStarted": "El calentamiento aún no empieza: hoy rige el límite del día 1, {cap} correos (enviados hoy: {used}).",
  "limits.save": "Guardar límites",
  "limits.saving": "Guardando…",
  "limits.saved": "Se guardaron los límites de envío.",
  "limits.readOnly": "Solo un propietario o administrador puede cambiar los límites.",
  "limits.badNumber": "Escribe un número entero mayor que 0, o déjalo vacío.",
  "limits.badDate": "Elige una fecha.",
  "limits.badCaps": "Escribe al menos un número entero mayor que 0.",
  "limits.capsDown": "El día {day} no puede tener menos correos que el día anterior.",

  "throttle.title": "Envío repartido por los límites",
  "throttle.provider": "Limitado por {provider}: {limit}/h; siguiente tanda {at}",
  "throttle.relay": "Limitado por el servidor de envío: {limit}/min; siguiente tanda {at}",
  "throttle.warmup": "Limitado por el calentamiento: {limit}/día; siguiente tanda {at}",
  "throttle.link": "Ver límites de envío",
} as const;

export type SendingKey = keyof typeof esSending;
