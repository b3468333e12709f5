/**
 * Comunicado: one announcement with weight. A band in the primary colour carries the headline;
 * below it, the news, what changes for the supplier as a list, one button and a signature.
 */
import type { GalleryTemplate } from "./index";
import { document, H2, LI, P, UL } from "./parts";

const subject = "Comunicado: nuevo procedimiento de inscripción en el registro de proveedores";
const preheader = "Desde el 5 de enero de 2027, la inscripción y la renovación se harán solo en línea.";

const body = `      <mj-section background-color="[[color_primario]]" padding="28px 0 24px" css-class="titular">
        <mj-column>
          <mj-text color="[[color_sobre_primario]]">
            <p style="margin:0 0 8px;font-size:13px;line-height:1.4;font-weight:700;letter-spacing:1px;text-transform:uppercase">Comunicado</p>
            <h1 style="margin:0 0 12px;font-size:26px;line-height:1.25;font-weight:700">Nuevo procedimiento de inscripción en el registro de proveedores</h1>
            <p style="margin:0;font-size:15px">Lima, {{fecha_envio}}</p>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="28px 0 8px">
        <mj-column>
          <mj-text>
            <p ${P}>Estimado(a) {{nombre | "proveedor"}}:</p>
            <p ${P}>Le informamos que, a partir del <strong>lunes 5 de enero de 2027</strong>, la inscripción y la renovación en el registro de proveedores se realizarán únicamente a través de nuestra plataforma en línea.</p>
            <h2 ${H2}>¿Qué cambia para {{empresa | "su empresa"}}?</h2>
            <ul ${UL}>
              <li ${LI}>Ya no será necesario presentar documentos impresos en mesa de partes.</li>
              <li ${LI}>Podrá seguir el estado de su trámite en todo momento desde la plataforma.</li>
              <li ${LI}>Recibirá su constancia por correo electrónico, con firma digital.</li>
            </ul>
            <p ${P}>Los trámites iniciados antes de esa fecha continuarán con el procedimiento anterior hasta su conclusión.</p>
          </mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="0 0 8px">
        <mj-column>
          <mj-button href="https://www.ejemplo.gob.pe/registro/nuevo-procedimiento" css-class="boton">Conocer el nuevo procedimiento</mj-button>
          <mj-text padding="0 24px 24px">
            <p style="margin:0">Atentamente,<br /><strong>Dirección de Registro de Proveedores</strong><br />[[organizacion]]</p>
          </mj-text>
        </mj-column>
      </mj-section>`;

export const announcement: GalleryTemplate = {
  key: "announcement",
  name: "Comunicado",
  description: "Anuncio importante con titular destacado, lista de cambios y un botón.",
  subject,
  preheader,
  mjml: document({ title: "Comunicado", preheader, body }),
};
