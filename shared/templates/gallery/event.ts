/**
 * Invitación a evento: a workshop or talk, with its date, time and place in a box that reads as
 * "label: value" both on screen and in the text version, what the reader will learn, and the
 * button to sign up.
 */
import type { GalleryTemplate } from "./index";
import { document, H1, H2, LABEL, LI, MUTED, P, UL } from "./parts";

const subject = "Invitación: taller gratuito para proveedores del Estado";
const preheader = "Jueves 11 de diciembre, de 10:00 a 12:00. Inscríbase: las vacantes son limitadas.";

const row = (label: string, value: string) =>
  `            <tr>
              <th scope="row" align="left" valign="top" style="padding:6px 12px 6px 0;width:72px;font-size:15px;font-weight:700;color:#111827">${label}</th>
              <td style="padding:6px 0;font-size:15px">${value}</td>
            </tr>`;

const body = `      <mj-section padding="8px 0 0" css-class="titular">
        <mj-column>
          <mj-text>
            <p ${LABEL}>Invitación</p>
            <h1 ${H1}>Taller: cómo participar con éxito en las contrataciones públicas</h1>
            <p ${P}>Reciba un cordial saludo, {{nombre | "estimado proveedor"}}.</p>
            <p ${P}>Nos complace invitar a {{empresa | "su empresa"}} a nuestro taller gratuito, pensado para las micro y pequeñas empresas que desean ofrecer sus bienes y servicios al Estado.</p>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="0 24px 16px">
        <mj-column background-color="#f3f4f6" border-left="4px solid [[color_secundario]]" padding="10px 16px">
          <mj-table padding="0" color="#1f2937" line-height="1.5">
${row("Fecha:", "Jueves 11 de diciembre de 2026")}
${row("Hora:", "De 10:00 a 12:00 (hora de Lima)")}
${row("Lugar:", "Auditorio principal, Av. Ejemplo 123, Lima. También puede seguirlo en línea.")}
${row("Costo:", "Gratuito, con inscripción previa")}
          </mj-table>
        </mj-column>
      </mj-section>
      <mj-section padding="8px 0 0">
        <mj-column>
          <mj-text>
            <h2 ${H2}>Lo que aprenderá</h2>
            <ul ${UL}>
              <li ${LI}>Cómo encontrar las convocatorias de su rubro.</li>
              <li ${LI}>Qué documentos preparar antes de presentar una oferta.</li>
              <li ${LI}>Los errores que más descalifican una oferta, y cómo evitarlos.</li>
            </ul>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="0 0 8px">
        <mj-column>
          <mj-button href="https://www.ejemplo.gob.pe/eventos/taller-contrataciones" css-class="boton">Inscribirme en el taller</mj-button>
          <mj-text font-size="14px" color="${MUTED}" padding="0 24px 24px">
            <p style="margin:0">Las vacantes se asignan por orden de inscripción. Si necesita intérprete de lengua de señas u otro ajuste para participar, indíquelo en el formulario.</p>
          </mj-text>
        </mj-column>
      </mj-section>`;

export const event: GalleryTemplate = {
  key: "event",
  name: "Invitación a evento",
  description: "Invitación a un taller o charla con fecha, hora, lugar y botón de inscripción.",
  subject,
  preheader,
  mjml: document({ title: "Invitación", preheader, body }),
};
