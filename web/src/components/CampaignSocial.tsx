/**
 * "Redes sociales" on an email campaign's page (W6): the campaign's posts (network and account,
 * status, a link to the post, the network's error, e.g. an expired token) and, for the owner and
 * administrators once the campaign has gone out, "Publicar ahora" (posts to every connected
 * account; failed posts are tried again, posted ones are not posted twice). While a post is
 * pending the list is looked at again every few seconds.
 */
import { For, Show, createEffect, createSignal, onCleanup } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import { api, type CampaignOut } from "../lib/api";
import { createAction } from "../lib/action";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { wentOut as campaignWentOut } from "../lib/publish";
import FormError from "./FormError";
import LoadState from "./LoadState";
import SocialStatusBadge from "./SocialStatusBadge";
import "../styles/social.css";

const POLL_MS = 4000;

export default function CampaignSocial(props: { campaign: CampaignOut }) {
  const posts = createLoader(() => api.campaignSocial(props.campaign.id));
  const action = createAction();
  const [done, setDone] = createSignal(false);
  const wentOut = () => campaignWentOut(props.campaign);
  const rows = () => posts.data()?.posts ?? [];

  createEffect(() => {
    if (!rows().some((p) => p.status === "pending" || p.status === "posting")) return;
    const timer = setTimeout(() => void api.campaignSocial(props.campaign.id).then((x) => posts.setData(x)), POLL_MS);
    onCleanup(() => clearTimeout(timer));
  });

  function publish() {
    setDone(false);
    return action.run(async () => {
      posts.setData(await api.publishSocial(props.campaign.id));
      setDone(true);
    });
  }

  return (
    <section class="section" aria-labelledby="camp-social" data-testid="campaign-social">
      <h2 id="camp-social" class="section-title">
        {t("soc.camp.title")}
      </h2>
      <div class="card">
        <LoadState loading={posts.loading()} error={posts.error()} onRetry={() => void posts.reload()} />
        <Show when={posts.data()}>
          <Show when={rows().length > 0} fallback={<p>{wentOut() ? t("soc.camp.empty") : t("soc.camp.notSent")}</p>}>
            <div class="table-wrap">
              <table class="data" aria-label={t("soc.camp.tableLabel")}>
                <thead>
                  <tr>
                    <th scope="col">{t("soc.camp.col.network")}</th>
                    <th scope="col">{t("soc.camp.col.status")}</th>
                    <th scope="col">{t("soc.camp.col.post")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(p) => (
                      <tr data-id={p.id}>
                        <td>
                          <strong>{t(`soc.net.${p.network}`)}</strong> · {p.accountName}
                        </td>
                        <td>
                          <SocialStatusBadge status={p.status} />
                        </td>
                        <td>
                          <Show when={p.url}>
                            {(u) => (
                              <a href={u()} target="_blank" rel="noopener noreferrer">
                                {t("soc.camp.view")}
                              </a>
                            )}
                          </Show>
                          <Show when={p.error && p.status !== "posted"}>
                            <span class="cell-sub small field-error">{p.error}</span>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Show>
        <Show when={done()}>
          <p class="notice notice-success" role="status">
            {t("soc.camp.done")}
          </p>
        </Show>
        <FormError text={action.error()} />
        <Show when={can("users.manage")}>
          <div class="form-actions social-actions">
            <A href="/settings/social" class="btn btn-ghost">
              {t("soc.camp.settings")}
            </A>
            <Show when={wentOut()}>
              <button type="button" class="btn btn-secondary" disabled={action.busy()} onClick={() => void publish()}>
                {action.busy() ? t("soc.camp.publishing") : t("soc.camp.publish")}
              </button>
            </Show>
          </div>
        </Show>
      </div>
    </section>
  );
}
