/**
 * Aviso institucional: a plain, calm notice (a service interruption here) with the period in a
 * box, what it means for the reader, where to ask, and a signature. No button: nothing to do.
 */
import type { GalleryTemplate } from "./index";
import { document, H1, LABEL, LINK, P } from "./parts";

const subject = "Aviso: mantenimiento programado de la plataforma el 13 de diciembre";
const preheader = "La plataforma no estará disponible el sábado 13 de diciembre desde las 22:00 hasta las 06:00 del domingo.";

const body = `      <mj-section padding="8px 0 0" css-class="titular">
        <mj-column>
          <mj-text>
            <p ${LABEL}>Aviso institucional</p>
            <h1 ${H1}>Mantenimiento programado de la plataforma de proveedores</h1>
            <p ${P}>Estimado(a) {{nombre | "proveedor"}}:</p>
            <p ${P}>Le comunicamos que, por trabajos de mantenimiento, la plataforma de proveedores no estará disponible en el siguiente horario (hora de Lima):</p>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="0 24px 16px">
        <mj-column background-color="#f3f4f6" border-left="4px solid [[color_secundario]]" padding="16px 20px">
          <mj-text padding="0">
            <p style="margin:0 0 4px"><strong>Desde:</strong> sábado 13 de diciembre de 2026, 22:00</p>
            <p style="margin:0"><strong>Hasta:</strong> domingo 14 de diciembre de 2026, 06:00</p>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="8px 0 24px">
        <mj-column>
          <mj-text>
            <p ${P}>Durante ese periodo no podrá realizar trámites ni presentar ofertas en línea. Los plazos que venzan en ese horario se extenderán hasta las 12:00 del domingo 14 de diciembre.</p>
            <p ${P}>Si tiene alguna consulta, escríbanos a <a href="mailto:mesadeayuda@ejemplo.gob.pe" ${LINK}>mesadeayuda@ejemplo.gob.pe</a> o llámenos al (01) 123-4567, de lunes a viernes, de 8:30 a 17:00.</p>
            <p ${P}>Lamentamos las molestias que esto pueda ocasionarle.</p>
            <p style="margin:0">Atentamente,<br /><strong>Oficina de Tecnologías de la Información</strong><br />[[organizacion]]</p>
          </mj-text>
        </mj-column>
      </mj-section>`;

export const notice: GalleryTemplate = {
  key: "notice",
  name: "Aviso institucional",
  description: "Aviso sobrio para informar un hecho (por ejemplo, un mantenimiento), sin botón.",
  subject,
  preheader,
  mjml: document({ title: "Aviso institucional", preheader, body }),
};
