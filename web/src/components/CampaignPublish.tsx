/**
 * "Archivo público" on an email campaign's page (W6): publish the campaign once it has gone out,
 * or take it out again; once published, its public address (to copy) and share links for
 * Facebook, X, LinkedIn and email. Only those who may edit campaigns see the buttons.
 */
import { Show } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import { api, type CampaignOut } from "../lib/api";
import { createAction } from "../lib/action";
import { formatDateTime } from "../lib/format";
import { can } from "../lib/session";
import { shareLinks } from "../../../shared/archive/urls";
import { wentOut } from "../lib/publish";
import CopyField from "./CopyField";
import FormError from "./FormError";
import "../styles/archive.css";

/** The subject as a share title: merge tags dropped (the public copy has no contact). */
const plainSubject = (s: string) => s.replace(/\{\{\{?[^}]*\}?\}\}/g, "").replace(/\s+/g, " ").trim();

export default function CampaignPublish(props: { campaign: CampaignOut; onChange: (next: CampaignOut, message: string) => void }) {
  const action = createAction();
  const busy = action.busy;
  const sent = () => wentOut(props.campaign);
  const share = () => (props.campaign.publicUrl ? shareLinks(props.campaign.publicUrl, plainSubject(props.campaign.subject)) : null);

  const toggle = (publish: boolean) =>
    action.run(async () => {
      const next = publish ? await api.publishCampaign(props.campaign.id) : await api.unpublishCampaign(props.campaign.id);
      props.onChange(next, t(publish ? "arch.pub.done" : "arch.pub.removed"));
    });

  return (
    <section class="section" aria-labelledby="camp-archive" data-testid="campaign-publish">
      <h2 id="camp-archive" class="section-title">
        {t("arch.pub.title")}
      </h2>
      <div class="card">
        <Show when={props.campaign.publishedAt} fallback={<p class="archive-status">{sent() ? t("arch.pub.notPublished") : t("arch.pub.notSent")}</p>}>
          {(at) => (
            <p class="archive-status" data-testid="published-at">
              {t("arch.pub.published", { date: formatDateTime(at()) })}
            </p>
          )}
        </Show>
        <Show when={props.campaign.publishedAt && !props.campaign.publicUrl}>
          <p class="muted small">
            {t("arch.pub.archiveOff")}{" "}
            <Show when={can("users.manage")}>
              <A href="/settings/archive">{t("arch.pub.settingsLink")}</A>
            </Show>
          </p>
        </Show>
        <Show when={props.campaign.publicUrl}>
          {(url) => (
            <>
              <CopyField label={t("arch.pub.publicUrl")} value={url()} copyLabel={t("arch.copy")} testId="public-url" />
              <Show when={share()}>
                {(s) => (
                  <ul class="archive-share" data-testid="share-links" aria-label={t("arch.pub.share")}>
                    <li class="archive-share-label" aria-hidden="true">
                      {t("arch.pub.share")}:
                    </li>
                    <li>
                      <a href={s().facebook} target="_blank" rel="noopener noreferrer">Facebook</a>
                    </li>
                    <li>
                      <a href={s().x} target="_blank" rel="noopener noreferrer">X</a>
                    </li>
                    <li>
                      <a href={s().linkedin} target="_blank" rel="noopener noreferrer">LinkedIn</a>
                    </li>
                    <li>
                      <a href={s().email}>{t("arch.pub.shareEmail")}</a>
                    </li>
                  </ul>
                )}
              </Show>
            </>
          )}
        </Show>
        <Show when={can("campaigns.edit") && sent()}>
          <div class="form-actions">
            <Show
              when={props.campaign.publishedAt}
              fallback={
                <button type="button" class="btn btn-primary" disabled={busy()} onClick={() => void toggle(true)} data-testid="publish">
                  {busy() ? t("arch.pub.working") : t("arch.pub.publish")}
                </button>
              }
            >
              <button type="button" class="btn btn-secondary" disabled={busy()} onClick={() => void toggle(false)} data-testid="unpublish">
                {busy() ? t("arch.pub.working") : t("arch.pub.unpublish")}
              </button>
            </Show>
          </div>
        </Show>
        <FormError text={action.error()} />
      </div>
    </section>
  );
}
