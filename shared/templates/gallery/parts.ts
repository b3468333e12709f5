/**
 * The pieces every gallery template shares: the MJML head (system fonts, default sizes and
 * colours, the preheader), the letterhead with the account's logo or name, and the footer with
 * the sender's identity, the web-version link and the opt-out link that Ley 28493 requires, and
 * share links (W6: the public archive page once the campaign is published, else the web version).
 * Styles are inline (written into each element) because several webmail apps drop <style>
 * blocks; the <mj-style> only adds mobile sizes and link colours on top.
 */
import { DARK_TEXT, LIGHT_BACKGROUND } from "./branding";

/** System fonts only: no web font to download, and none of the names MJML would fetch from Google Fonts. */
export const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, sans-serif";
/** Secondary text (dates, footers): 6.9:1 on the light background. */
export const MUTED = "#4b5563";
export const BORDER = "#e5e7eb";

// Inline styles for the HTML written inside <mj-text>.
export const H1 = `style="margin:0 0 16px;font-size:26px;line-height:1.25;font-weight:700;color:#111827"`;
export const H2 = `style="margin:0 0 8px;font-size:20px;line-height:1.3;font-weight:700;color:#111827"`;
export const P = `style="margin:0 0 16px"`;
export const LABEL = `style="margin:0 0 8px;font-size:13px;line-height:1.4;font-weight:700;letter-spacing:1px;text-transform:uppercase;color:[[color_secundario_texto]]"`;
export const LINK = `style="color:[[color_primario_texto]];text-decoration:underline"`;
export const UL = `style="margin:0 0 16px;padding:0 0 0 22px"`;
export const LI = `style="margin:0 0 8px"`;

/**
 * A whole MJML document: head, letterhead, `body` (sections) inside the white card, footer.
 * @example document({ title: "Comunicado", preheader: "…", body: "<mj-section>…</mj-section>" })
 */
export function document(o: { title: string; preheader: string; body: string }): string {
  return `<mjml lang="es" dir="ltr">
  <mj-head>
    <mj-title>${o.title}</mj-title>
    <mj-preview>${o.preheader}</mj-preview>
    <mj-breakpoint width="480px" />
    <mj-attributes>
      <mj-all font-family="${FONT}" />
      <mj-section padding="0" background-color="#ffffff" />
      <mj-column padding="0" />
      <mj-text padding="0 24px" font-size="16px" line-height="1.6" color="${DARK_TEXT}" />
      <mj-button padding="8px 24px 24px" align="left" background-color="[[color_primario]]" color="[[color_sobre_primario]]" font-size="16px" font-weight="700" line-height="1.25" border-radius="6px" inner-padding="14px 28px" />
      <mj-divider padding="8px 24px 24px" border-width="1px" border-color="${BORDER}" />
    </mj-attributes>
    <mj-style>
      a { color: [[color_primario_texto]]; }
      .pie a { color: [[color_primario_texto]]; }
      @media only screen and (max-width: 480px) {
        .titular h1 { font-size: 23px !important; }
        .boton table { width: 100% !important; }
        .boton a { display: block !important; }
      }
    </mj-style>
  </mj-head>
  <mj-body width="600px" background-color="${LIGHT_BACKGROUND}">
    <mj-wrapper padding="16px 0 0">
${HEADER}
${o.body}
    </mj-wrapper>
${FOOTER}
  </mj-body>
</mjml>
`;
}

/** The letterhead: the logo when the account has one, else its name as text. */
const HEADER = `      <mj-section border-top="6px solid [[color_primario]]" padding="24px 0 20px">
        <mj-column>
          <!--[[si:logo_url]]-->
          <mj-image src="[[logo_url]]" alt="[[organizacion]]" width="200px" align="left" padding="0 24px" />
          <!--[[/si:logo_url]]-->
          <!--[[no:logo_url]]-->
          <mj-text font-size="20px" line-height="1.3" font-weight="700" color="[[color_primario_texto]]">[[organizacion]]</mj-text>
          <!--[[/no:logo_url]]-->
        </mj-column>
      </mj-section>`;

/** Who sends, why the reader gets it, and the two links every message must carry. */
const FOOTER = `    <mj-section padding="24px 0 32px" background-color="${LIGHT_BACKGROUND}" css-class="pie">
      <mj-column>
        <mj-text font-size="13px" line-height="1.6" color="${MUTED}">
          <p style="margin:0 0 12px"><strong style="color:${DARK_TEXT}">[[organizacion]]</strong><br />[[direccion]]<!--[[si:sitio_web]]--><br /><a href="[[sitio_web]]" ${LINK}>[[sitio_web_texto]]</a><!--[[/si:sitio_web]]--></p>
          <p style="margin:0 0 12px">Usted recibe este correo porque su dirección figura en nuestro registro de proveedores. Si ya no desea recibir estos mensajes, puede darse de baja en cualquier momento.</p>
          <p style="margin:0 0 12px">Compartir: <a href="{{compartir_facebook}}" ${LINK}>Facebook</a> · <a href="{{compartir_x}}" ${LINK}>X</a> · <a href="{{compartir_linkedin}}" ${LINK}>LinkedIn</a> · <a href="{{compartir_correo}}" ${LINK}>Correo</a></p>
          <p style="margin:0"><a href="{{ver_en_web}}" ${LINK}>Ver este correo en el navegador</a><br /><a href="{{enlace_baja}}" ${LINK}>Darse de baja de estos correos</a></p>
        </mj-text>
      </mj-column>
    </mj-section>`;
