/**
 * Boletín: the monthly newsletter to suppliers. Three short news items with a link each, a
 * two-column box (help desk, official channels) that stacks on a phone, and one call to action.
 */
import type { GalleryTemplate } from "./index";
import { BORDER, document, H1, H2, LABEL, LINK, MUTED, P } from "./parts";

const subject = "Boletín de proveedores: novedades de noviembre";
const preheader = "Nuevo trámite en línea, capacitaciones gratuitas y respuestas a sus consultas más frecuentes.";

// One section for all the news: every extra <mj-section> adds ~2.5 KB of Outlook tables.
const item = (title: string, text: string, link: string, href: string) => `            <h2 ${H2}>${title}</h2>
            <p ${P}>${text}</p>
            <p style="margin:0"><a href="${href}" ${LINK}>${link}</a></p>`;
const rule = `            <div style="margin:24px 0;border-top:1px solid ${BORDER};font-size:0;line-height:0">&nbsp;</div>`;

const box = (title: string, html: string) => `          <mj-column padding="0 8px 16px" inner-background-color="#f3f4f6" border-radius="6px" inner-border-radius="6px">
            <mj-text padding="16px" font-size="15px" line-height="1.55">
              <h3 style="margin:0 0 6px;font-size:16px;line-height:1.3;font-weight:700;color:#111827">${title}</h3>
              ${html}
            </mj-text>
          </mj-column>`;

const body = `      <mj-section padding="8px 0 24px" css-class="titular">
        <mj-column>
          <mj-text>
            <p ${LABEL}>Boletín para proveedores · Noviembre de 2026</p>
            <h1 ${H1}>Novedades del mes para su empresa</h1>
            <p ${P}>Reciba un cordial saludo, {{nombre | "estimado proveedor"}}.</p>
            <p style="margin:0">Le compartimos las novedades de noviembre: un nuevo trámite en línea, las capacitaciones gratuitas de diciembre y la respuesta a la consulta que más nos hicieron este mes.</p>
${rule}
${item("Actualice sus datos sin salir de su oficina", `Desde el 1 de diciembre, {{empresa | "su empresa"}} podrá actualizar su domicilio, sus representantes y sus datos de contacto en línea, sin acudir a nuestras oficinas. El trámite toma unos diez minutos y no tiene costo.`, "Conozca el nuevo trámite", "https://www.ejemplo.gob.pe/tramites/actualizacion")}
${rule}
${item("Capacitaciones gratuitas de diciembre", "Talleres virtuales sobre cómo presentar ofertas, cómo usar la plataforma y cuáles son sus obligaciones durante la ejecución de un contrato. Las vacantes son limitadas y se asignan por orden de inscripción.", "Ver el calendario de capacitaciones", "https://www.ejemplo.gob.pe/capacitaciones")}
${rule}
${item("¿Olvidó su clave de acceso?", "Puede recuperarla usted mismo desde la página de ingreso, con el correo registrado de su empresa. Por su seguridad, nunca le pediremos su clave por teléfono ni por correo electrónico.", "Cómo recuperar su clave", "https://www.ejemplo.gob.pe/ayuda/clave")}
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="8px 16px 8px">
${box("Mesa de ayuda", `<p style="margin:0">Lunes a viernes, de 8:30 a 17:00<br />Teléfono: (01) 123-4567<br />Correo: <a href="mailto:mesadeayuda@ejemplo.gob.pe" ${LINK}>mesadeayuda@ejemplo.gob.pe</a></p>`)}
${box("Canales oficiales", `<p style="margin:0">Solo le escribimos desde esta dirección. Si un mensaje a nuestro nombre le parece dudoso, no abra sus enlaces y consúltenos.</p>`)}
      </mj-section>
      <mj-section padding="8px 0 16px">
        <mj-column>
          <mj-button href="https://www.ejemplo.gob.pe/proveedores" css-class="boton">Ir al portal de proveedores</mj-button>
          <mj-text font-size="14px" color="${MUTED}" padding="0 24px 8px">
            <p style="margin:0;border-top:1px solid ${BORDER};padding-top:16px">Gracias por ser parte del registro de proveedores. Hasta el próximo boletín.</p>
          </mj-text>
        </mj-column>
      </mj-section>`;

export const newsletter: GalleryTemplate = {
  key: "newsletter",
  name: "Boletín",
  description: "Boletín mensual con varias noticias breves, datos de contacto y un botón principal.",
  subject,
  preheader,
  mjml: document({ title: "Boletín de proveedores", preheader, body }),
};
