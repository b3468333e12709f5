/**
 * Recordatorio de plazo: tells each supplier when its own registration expires (a date merge
 * field), what happens if it lapses, and how to renew, with the date in a box that stands out.
 */
import type { GalleryTemplate } from "./index";
import { document, H1, H2, LABEL, LI, MUTED, P, UL } from "./parts";

const subject = "Recordatorio: su inscripción en el registro vence el {{vence | fecha}}";
const preheader = "Renueve a tiempo para seguir presentando ofertas al Estado. Le explicamos cómo, en tres pasos.";

const body = `      <mj-section padding="8px 0 0" css-class="titular">
        <mj-column>
          <mj-text>
            <p ${LABEL}>Recordatorio</p>
            <h1 ${H1}>Su inscripción en el registro está por vencer</h1>
            <p ${P}>Estimado(a) {{nombre | "proveedor"}}:</p>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="0 24px 16px">
        <mj-column background-color="#f3f4f6" border-left="4px solid [[color_secundario]]" padding="16px 20px">
          <mj-text padding="0">
            <p style="margin:0 0 4px;font-size:19px;line-height:1.4;font-weight:700;color:#111827">Su inscripción en el registro vence el <span style="white-space:nowrap">{{vence | fecha}}</span>.</p>
            <p style="margin:0;font-size:15px">{{empresa | "Su empresa"}}<br />RUC {{ruc}}</p>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="8px 0 0">
        <mj-column>
          <mj-text>
            <p ${P}>Para seguir participando en las contrataciones del Estado, renueve su inscripción antes de esa fecha. Si vence, no podrá presentar ofertas ni firmar contratos hasta completar un nuevo trámite de inscripción.</p>
            <h2 ${H2}>Renueve en tres pasos</h2>
            <ol ${UL}>
              <li ${LI}>Ingrese a la plataforma con su RUC y su clave.</li>
              <li ${LI}>Revise y, si hace falta, actualice los datos de su empresa.</li>
              <li ${LI}>Pague la tasa en línea y descargue su constancia.</li>
            </ol>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="0 0 8px">
        <mj-column>
          <mj-button href="https://www.ejemplo.gob.pe/registro/renovacion" css-class="boton">Renovar mi inscripción</mj-button>
          <mj-text font-size="14px" color="${MUTED}" padding="0 24px 24px">
            <p style="margin:0">Si ya renovó su inscripción, no tome en cuenta este mensaje: el trámite puede tardar hasta dos días hábiles en reflejarse.</p>
          </mj-text>
        </mj-column>
      </mj-section>`;

export const deadline: GalleryTemplate = {
  key: "deadline",
  name: "Recordatorio de plazo",
  description: "Aviso personal de vencimiento con la fecha destacada, los pasos a seguir y un botón.",
  subject,
  preheader,
  mjml: document({ title: "Recordatorio de plazo", preheader, body }),
};
