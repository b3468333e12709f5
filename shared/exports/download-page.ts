/**
 * The small Spanish pages a download link answers instead of a file: a link that was altered
 * or cut short, or whose export was deleted (404), and a link past its time (410). They never
 * say which export was meant.
 */
import { renderMessage } from "../forms/page";

/** A link that was altered, cut short, or whose file was deleted or has expired. */
export const downloadNotFoundPage = () =>
  renderMessage("Archivo no disponible", "Este enlace de descarga no es válido o el archivo ya no existe. Genere una nueva exportación desde el panel.");

/** An intact link past its time. */
export const downloadExpiredPage = () =>
  renderMessage("Enlace vencido", "Este enlace de descarga ya venció. Vuelva a abrir la exportación en el panel para obtener un enlace nuevo.");
