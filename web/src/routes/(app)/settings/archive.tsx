/** /settings/archive: Configuración → Archivo público (W6). */
import ArchivePage from "../../../pages/ArchivePage";

export default function Route() {
  return <ArchivePage />;
}
