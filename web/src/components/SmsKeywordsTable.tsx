/**
 * The account's SMS keywords: the word, what it does (reply, list, URL with its signing secret
 * for owner and admin) and when it was made; "Eliminar" for those who may, confirmed first.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { KeywordOut } from "../lib/api";
import { formatDateTime } from "../lib/format";
import CopyField from "./CopyField";
import "../styles/inbox.css";

export default function SmsKeywordsTable(props: { keywords: KeywordOut[]; canEdit: boolean; onDelete: (k: KeywordOut) => void }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("kw.list")} data-testid="kw-table">
        <thead>
          <tr>
            <th scope="col">{t("kw.col.keyword")}</th>
            <th scope="col">{t("kw.col.actions")}</th>
            <th scope="col">{t("kw.col.created")}</th>
            <Show when={props.canEdit}>
              <th scope="col">
                <span class="visually-hidden">{t("kw.delete")}</span>
              </th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.keywords}>
            {(k) => (
              <tr data-keyword={k.keyword}>
                <td>
                  <strong>{k.keyword}</strong>
                </td>
                <td>
                  <ul class="kw-actions small">
                    <Show when={k.actions.reply}>{(r) => <li>{t("kw.action.reply", { text: r() })}</li>}</Show>
                    <Show when={k.actions.tag}>{(tag) => <li>{t("kw.action.tag", { tag: tag() })}</li>}</Show>
                    <Show when={k.actions.webhookUrl}>{(u) => <li>{t("kw.action.webhook", { url: u() })}</li>}</Show>
                  </ul>
                  <Show when={k.webhookSecret}>
                    {(secret) => (
                      <div class="kw-secret">
                        <CopyField label={t("kw.secret")} value={secret()} copyLabel={t("sms.conn.copy")} />
                        <p class="hint">{t("kw.secretHint")}</p>
                      </div>
                    )}
                  </Show>
                </td>
                <td class="nowrap">{formatDateTime(k.createdAt)}</td>
                <Show when={props.canEdit}>
                  <td class="row-actions">
                    <button type="button" class="btn btn-danger-outline btn-small" aria-label={t("kw.deleteLabel", { keyword: k.keyword })} onClick={() => props.onDelete(k)}>
                      {t("kw.delete")}
                    </button>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
