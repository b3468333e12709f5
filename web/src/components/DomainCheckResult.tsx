/**
 * What the last DNS check found for SPF, DKIM and DMARC: each record's state as a badge with its
 * word, one sentence saying why it fails (or that it is right), warnings, and the TXT texts DNS
 * actually returned, so the person can compare them with the records to publish.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { DomainDetail, RecordCheck } from "../lib/api";
import { checkSentence, warningTexts } from "../lib/domains";
import DomainStatusBadge from "./DomainStatusBadge";

const KINDS = ["spf", "dkim", "dmarc"] as const;

export default function DomainCheckResult(props: { domain: DomainDetail }) {
  return (
    <Show when={props.domain.check} fallback={<p class="muted">{t("dom.notChecked")}</p>}>
      {(check) => (
        <div class="check-grid">
          <For each={KINDS}>
            {(kind) => {
              const c = (): RecordCheck => check()[kind];
              const host = () => props.domain.records.find((r) => r.kind === kind)?.host ?? props.domain.domain;
              return (
                <section class="card check-card" aria-labelledby={`check-${kind}`} data-check={kind}>
                  <div class="check-head">
                    <h3 id={`check-${kind}`} class="card-title">
                      {t(`dom.kind.${kind}`)}
                    </h3>
                    <DomainStatusBadge status={c().status} />
                  </div>
                  <p>{checkSentence(kind, c(), host())}</p>
                  <Show when={c().warnings.length > 0}>
                    <ul class="check-warnings">
                      <For each={warningTexts(c())}>{(w) => <li>{w}</li>}</For>
                    </ul>
                  </Show>
                  <Show when={c().status !== "error"}>
                    <Show when={c().found.length > 0} fallback={<p class="muted small">{t("dom.foundNothing", { host: host() })}</p>}>
                      <p class="muted small">{t("dom.found")}</p>
                      <ul class="found-list">
                        <For each={c().found}>
                          {(text) => (
                            <li>
                              <code class="record-text">{text}</code>
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                  </Show>
                </section>
              );
            }}
          </For>
        </div>
      )}
    </Show>
  );
}
