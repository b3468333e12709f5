/** What a page shows to a role that cannot use it (reached by typing its address). */
import { A } from "@solidjs/router";
import { t } from "../i18n";
import EmptyState from "./EmptyState";

export default function NoAccess() {
  return (
    <>
      <div class="page-header">
        <h1 id="page-title">{t("common.noPermissionTitle")}</h1>
      </div>
      <EmptyState
        body={t("common.noPermissionBody")}
        action={
          <A class="btn btn-secondary" href="/">
            {t("common.goHome")}
          </A>
        }
      />
    </>
  );
}
