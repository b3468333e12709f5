/**
 * Carta: a formal letter as a Peruvian public office writes it (place and date, addressee,
 * "Presente.-", subject line, "De nuestra consideración:", signature), mostly text on the
 * letterhead, for messages that should read like an official document rather than a bulletin.
 */
import type { GalleryTemplate } from "./index";
import { document, LINK, P } from "./parts";

const subject = "Actualización de la información de su empresa en el registro de proveedores";
const preheader = "Le pedimos verificar los datos de su empresa en el registro antes del 31 de diciembre de 2026.";

const body = `      <mj-section padding="16px 0 32px">
        <mj-column>
          <mj-text>
            <p style="margin:0 0 20px">Lima, {{fecha_envio}}</p>
            <p style="margin:0 0 20px">Señor(a)<br /><strong>{{nombre | "Representante legal"}}</strong><br />{{empresa}}<br />Presente.-</p>
            <p style="margin:0 0 20px"><strong>Asunto: Actualización de la información de su empresa en el registro de proveedores</strong></p>
            <p ${P}>De nuestra consideración:</p>
            <p ${P}>Tenemos el agrado de dirigirnos a usted para saludarle cordialmente y, a la vez, solicitarle que verifique los datos de su empresa inscritos en el registro de proveedores: domicilio, representantes, correo electrónico y teléfono de contacto.</p>
            <p ${P}>Contar con datos correctos nos permite notificarle a tiempo sobre sus trámites, sus plazos y las oportunidades de contratación de su rubro. Puede revisarlos y actualizarlos hasta el <strong>31 de diciembre de 2026</strong> en <a href="https://www.ejemplo.gob.pe/registro/mis-datos" ${LINK}>la sección Mis datos de la plataforma</a>.</p>
            <p ${P}>Sin otro particular, hacemos propicia la ocasión para expresarle las muestras de nuestra especial consideración.</p>
            <p style="margin:0 0 32px">Atentamente,</p>
            <p style="margin:0"><strong>Nombre y apellidos</strong><br />Director(a) de Registro de Proveedores<br />[[organizacion]]</p>
          </mj-text>
        </mj-column>
      </mj-section>`;

export const letter: GalleryTemplate = {
  key: "letter",
  name: "Carta",
  description: "Carta formal, casi solo texto, con destinatario, asunto y firma.",
  subject,
  preheader,
  mjml: document({ title: "Carta", preheader, body }),
};
