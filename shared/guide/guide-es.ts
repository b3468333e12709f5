/**
 * The Spanish usage guide for a new sub-user (W5), the text of guide.ts. Written for
 * communications staff of a public agency: short sentences, the dashboard's own words (UI.md).
 */
import type { Guide } from "./guide";

export const GUIDE_ES: Guide = {
  lang: "es",
  title: "Guía de uso de Pregón",
  subtitle: "Para subusuarios nuevos",
  intro:
    "Te damos la bienvenida. Tu administrador te creó una cuenta de subusuario en Pregón. Esta guía explica en pocos minutos cómo entrar, qué hay en cada sección del panel, qué puedes hacer con tu rol y cómo enviar tu primera campaña.",
  sections: [
    {
      id: "what",
      title: "Qué es Pregón",
      blocks: [
        { kind: "p", text: "Pregón es la plataforma de tu institución para enviar campañas de correo electrónico y mensajes de texto (SMS) a sus contactos, medir aperturas, clics y entregas, y cuidar la reputación de sus envíos." },
        { kind: "p", text: "Cada envío descuenta créditos de una bolsa; todo lo que se hace en el panel queda en la bitácora de auditoría." },
      ],
    },
    {
      id: "login",
      title: "Cómo entrar",
      blocks: [
        { kind: "list", items: [
          "Abre el enlace del correo de bienvenida y elige tu contraseña (al menos 10 caracteres). El enlace vale 72 horas y se usa una sola vez.",
          "Luego entra al panel con tu correo y esa contraseña.",
          "Si el enlace venció o ya se usó, pide otro a tu administrador.",
          "Puedes cambiar tu contraseña y tu idioma en Configuración. Después de varios intentos fallidos, el ingreso se bloquea unos minutos.",
        ] },
      ],
    },
    {
      id: "sections",
      title: "Las secciones del panel",
      blocks: [
        { kind: "p", text: "El menú de la izquierda (en el celular, el botón de menú) lleva a cada sección. Solo verás las acciones que tu rol permite." },
        { kind: "terms", items: [
          ["Inicio", "Resumen de tu actividad: últimas campañas, saldo de créditos y accesos rápidos."],
          ["Campañas", "Crear, programar, enviar, pausar y revisar campañas de correo, con su análisis en vivo."],
          ["SMS", "Enviar mensajes de texto sueltos y campañas SMS, con su costo en segmentos."],
          ["Contactos", "Listas, segmentos, importación de archivos CSV o Excel, depuración de la lista y supresiones."],
          ["Plantillas", "Diseños de correo con la marca de tu institución; la galería trae plantillas listas."],
          ["Automatizaciones", "Mensajes que salen solos ante un disparador (una suscripción, una fecha), paso a paso."],
          ["Reportes", "El reporte mensual de consumo y las exportaciones en CSV y PDF."],
          ["Bandeja SMS", "Las respuestas que llegan a tus SMS, por número, para contestarlas."],
          ["Usuarios", "Los subusuarios de la cuenta y sus roles (solo propietario y administradores)."],
          ["Créditos", "Tu saldo de email y SMS, las bolsas y su vigencia, y el historial de movimientos."],
          ["Configuración", "Tu perfil, idioma y contraseña; la marca, dominios de envío y proveedores SMS para administradores."],
          ["Auditoría", "La bitácora de auditoría: quién hizo qué y cuándo."],
        ] },
      ],
    },
    {
      id: "roles",
      title: "Qué puede hacer tu rol",
      blocks: [
        { kind: "p", text: "Tu rol figura en el correo de bienvenida y en Usuarios. Cada rol incluye lo que pueden hacer los siguientes:" },
        { kind: "terms", items: [
          ["Propietario", "Todo, incluidas las bolsas de créditos y la gestión de administradores."],
          ["Administrador", "Gestiona subusuarios (remitentes, editores y lectores) y claves de API, asigna créditos, configura la cuenta y lee la auditoría."],
          ["Remitente", "Gestiona contactos y listas, prepara campañas y las envía."],
          ["Editor", "Prepara campañas y plantillas, pero no las envía."],
          ["Lector", "Consulta campañas, contactos, reportes y créditos, sin cambiar nada."],
        ] },
      ],
    },
    {
      id: "credits",
      title: "Cómo funcionan los créditos",
      blocks: [
        { kind: "list", items: [
          "Un correo aceptado por el servidor de envío cuesta un crédito de email; un SMS cuesta un crédito por segmento.",
          "Los créditos llegan en bolsas con fecha de vencimiento; primero se usa lo que vence antes.",
          "El propietario y los administradores envían desde el saldo principal. A un remitente o editor el administrador le asigna créditos propios, y sus envíos usan esa asignación.",
          "Al programar una campaña se reservan sus créditos; al terminar se descuenta solo lo que salió y el resto vuelve al saldo. Lo que no salió por una falla de la plataforma se devuelve.",
        ] },
      ],
    },
    {
      id: "campaign",
      title: "Tu primera campaña",
      blocks: [
        { kind: "list", items: [
          "Contactos: importa un archivo o usa una lista existente. Solo se envía a quien dio su consentimiento.",
          "Plantillas: elige una de la galería o crea la tuya.",
          "Campañas › Nueva campaña: nombre, asunto, remitente, plantilla y audiencia (listas o segmentos).",
          "Envía una prueba a tu propio correo y revisa la vista previa en escritorio, tableta y celular.",
          "Programa el envío o envía ahora: el panel confirma a cuántos contactos se enviará y cuántos créditos se descontarán.",
          "Sigue el avance en vivo: enviados, aperturas, clics, rebotes y bajas.",
        ] },
      ],
    },
    {
      id: "sms",
      title: "Lo básico de los SMS",
      blocks: [
        { kind: "list", items: [
          "Un SMS de hasta 160 caracteres es un segmento; si lleva á, í, ó, ú o emojis, caben 70. Los mensajes más largos usan varios segmentos y cada uno cuesta un crédito.",
          "Se envía a celulares peruanos (+51 9…) de contactos suscritos a SMS.",
          "Quien responde BAJA deja de recibir SMS al instante; su correo no se ve afectado.",
          "Los enlaces se acortan solos y cuentan los clics. Las respuestas llegan a la Bandeja SMS.",
        ] },
      ],
    },
    {
      id: "help",
      title: "Dónde pedir ayuda",
      blocks: [
        { kind: "p", text: "Tu administrador (quien te creó la cuenta) puede cambiar tu rol, asignarte créditos o enviarte un nuevo enlace. Esta guía está siempre disponible en la dirección /guia del panel y en PDF en /guia.pdf." },
      ],
    },
  ],
};
