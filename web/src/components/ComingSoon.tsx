/** The calm page of a section that is not built yet: its title, "Próximamente", and where to go meanwhile. */
import { A } from "@solidjs/router";
import { t, type MessageKey } from "../i18n";
import { can } from "../lib/session";
import PageHeader from "./PageHeader";
import EmptyState from "./EmptyState";

export default function ComingSoon(props: { section: MessageKey }) {
  return (
    <>
      <PageHeader title={t(props.section)} />
      <EmptyState
        title={t("soon.title")}
        body={t("soon.body", { section: t(props.section) })}
        action={
          can("credits.read") ? (
            <A class="btn btn-secondary" href="/credits">
              {t("soon.action")}
            </A>
          ) : undefined
        }
      />
    </>
  );
}
