/** Any other address inside the dashboard. */
import { A } from "@solidjs/router";
import { t } from "../../i18n";
import PageHeader from "../../components/PageHeader";
import EmptyState from "../../components/EmptyState";

export default function NotFoundRoute() {
  return (
    <>
      <PageHeader title={t("notFound.title")} />
      <EmptyState
        body={t("notFound.body")}
        action={
          <A class="btn btn-secondary" href="/">
            {t("common.goHome")}
          </A>
        }
      />
    </>
  );
}
