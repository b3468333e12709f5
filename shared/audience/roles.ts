/**
 * Role accounts: mailboxes that belong to a function, not a person ("ventas@", "mesadepartes@",
 * "noreply@"). They usually reach a shared inbox or nobody, complain more and engage less, so a
 * campaign treats them as risky. The list is Spanish and English, with the offices of Peruvian
 * public bodies (mesa de partes, tesorería, transparencia) that citizen lists are full of.
 */

/** Canonical forms: lower-case, no dots, dashes or underscores, no trailing digits. */
const ROLES = new Set([
  // English
  "abuse", "admin", "administrator", "accounts", "accounting", "billing", "contact", "contactus",
  "customerservice", "donotreply", "enquiries", "finance", "help", "helpdesk", "hello", "hostmaster",
  "hr", "info", "information", "inquiries", "it", "jobs", "legal", "mail", "mailerdaemon",
  "marketing", "media", "noc", "noreply", "nospam", "office", "orders", "payments", "postmaster",
  "press", "privacy", "purchasing", "root", "sales", "security", "service", "support", "sysadmin",
  "team", "webmaster", "www",
  // Spanish, and Peruvian public offices
  "administracion", "administrador", "alcaldia", "atencion", "atencionalcliente", "atencionalciudadano",
  "cobranza", "cobranzas", "comercial", "compras", "comunicaciones", "consultas", "contabilidad",
  "contacto", "contactenos", "correo", "despacho", "direccion", "empleos", "facturacion",
  "facturacionelectronica", "finanzas", "gerencia", "gerenciageneral", "imagen",
  "imageninstitucional", "informacion", "informes", "libroreclamaciones", "licitaciones",
  "logistica", "mesadepartes", "mesadepartesvirtual", "noresponder", "notificaciones", "oficina",
  "operaciones", "pagos", "postulaciones", "prensa", "proveedores", "recepcion", "reclamos",
  "recursoshumanos", "rrhh", "rrpp", "secretaria", "secretariageneral", "seguridad", "servicios",
  "sistemas", "soporte", "soportetecnico", "tesoreria", "tramite", "tramitedocumentario",
  "transparencia", "ventas",
]);

// "no-reply", "mesa.de.partes", "rr_hh", "ventas2", "info+web": one canonical form for all.
const SEPARATORS = /[._-]/g;
const TRAILING_DIGITS = /\d+$/;

/**
 * Whether a local part names a function rather than a person. Case, dots, dashes, underscores,
 * a "+tag" and trailing digits are ignored.
 * @example isRoleAccount("Mesa.De.Partes") // true
 * @example isRoleAccount("ventas2") // true
 * @example isRoleAccount("ana.perez") // false
 */
export function isRoleAccount(localPart: string): boolean {
  let key = localPart.toLowerCase();
  if (ROLES.has(key)) return true;
  const plus = key.indexOf("+");
  if (plus >= 0) key = key.slice(0, plus);
  key = key.replace(SEPARATORS, "").replace(TRAILING_DIGITS, "");
  return ROLES.has(key);
}
