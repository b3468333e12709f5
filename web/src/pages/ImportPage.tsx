/**
 * The import wizard (E1) of one list: 1 Archivo → 2 Columnas → 3 Confirmar → 4 Importación →
 * 5 Resultado. The import's id goes into the address once the file is uploaded, so a reload or a
 * link from the list's imports resumes at the right step (a viewer sees progress and report only).
 */
import { Match, Show, Switch, createEffect, createSignal, on } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import { t } from "../i18n";
import { ApiError, api, type ImportOut } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { errorText } from "../lib/errors";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import NoAccess from "../components/NoAccess";
import EmptyState from "../components/EmptyState";
import WizardSteps from "../components/WizardSteps";
import ImportUpload from "../components/ImportUpload";
import ImportMapping, { type MappingChoice } from "../components/ImportMapping";
import ImportConfirm from "../components/ImportConfirm";
import ImportProgress from "../components/ImportProgress";
import ImportReport from "../components/ImportReport";

const stepOf = (imp: ImportOut | null): number => (!imp ? 0 : imp.status === "ready" ? 1 : imp.status === "done" || imp.status === "failed" ? 4 : 3);

/** The server's mapping complaint in words (it speaks English). */
function mappingError(err: unknown): string {
  if (err instanceof ApiError && err.field === "mapping" && /no column is mapped to email or phone/.test(err.message)) return t("error.field.mapping.noAddress");
  return errorText(err);
}

export default function ImportPage(props: { listId: string }) {
  const [params, setParams] = useSearchParams<{ import?: string }>();
  const list = createLoader(() => api.list(props.listId), can("contacts.read"));
  const fields = createLoader(() => api.fields(), can("contacts.read"));
  const [imp, setImp] = createSignal<ImportOut | null>(null);
  const [step, setStep] = createSignal(0);
  const [choice, setChoice] = createSignal<MappingChoice | undefined>(undefined);
  const [loading, setLoading] = createSignal(false);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const [startError, setStartError] = createSignal<string | null>(null);
  const [mappingProblem, setMappingProblem] = createSignal<string | null>(null);

  async function resume(id: string) {
    if (imp()?.id === id) return;
    setLoading(true);
    setLoadError(null);
    try {
      const found = await api.getImport(id);
      setImp(found);
      setStep(stepOf(found));
    } catch (err) {
      setLoadError(err);
    } finally {
      setLoading(false);
    }
  }
  createEffect(on(() => params.import, (id) => (id ? void resume(id) : (setImp(null), setStep(0), setChoice(undefined)))));

  async function start() {
    const current = imp();
    const c = choice();
    if (!current || !c) return;
    setBusy(true);
    setStartError(null);
    try {
      const started = await api.startImport(current.id, { mapping: c.mapping, hasHeader: c.hasHeader, policy: c.policy });
      setImp(started);
      setStep(3);
    } catch (err) {
      if (err instanceof ApiError && err.field === "mapping") {
        setMappingProblem(mappingError(err));
        setStep(1);
      } else setStartError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const readOnly = () => !can("contacts.edit");
  const listName = () => list.data()?.name ?? "";

  return (
    <Show when={can("contacts.read")} fallback={<NoAccess />}>
      <BackLink href={`/contacts/lists/${props.listId}`} label={list.data() ? t("aud.backToList", { name: listName() }) : t("aud.backToLists")} />
      <PageHeader title={t("wizard.title")} subtitle={list.data() ? t("wizard.subtitle", { name: listName() }) : undefined} />
      <LoadState loading={list.loading() || loading()} error={list.error() ?? loadError()} onRetry={() => (params.import ? void resume(params.import) : void list.reload())} />
      <Show when={list.data() && !loading() && !(readOnly() && step() < 3)} fallback={
          <Show when={readOnly() && !loading() && list.data()}>
            <EmptyState body={t("common.noPermissionBody")} />
          </Show>
        }
      >
        <WizardSteps current={step()} />
        <p class="visually-hidden" aria-live="polite">
          {t("wizard.stepOf", { n: step() + 1 })}
        </p>
        <Switch>
          <Match when={step() === 0}>
            <ImportUpload
              listId={props.listId}
              onUploaded={(uploaded) => {
                setImp(uploaded);
                setChoice(undefined);
                setMappingProblem(null);
                setStep(1);
                setParams({ import: uploaded.id }, { replace: true });
              }}
            />
          </Match>
          <Match when={step() === 1 && imp()}>
            <ImportMapping
              imp={imp()!}
              fields={fields.data()?.fields ?? []}
              initial={choice()}
              error={mappingProblem()}
              onNext={(c) => {
                setChoice(c);
                setMappingProblem(null);
                setStartError(null);
                setStep(2);
              }}
            />
          </Match>
          <Match when={step() === 2 && imp() && choice()}>
            <ImportConfirm imp={imp()!} listName={listName()} choice={choice()!} busy={busy()} error={startError()} onBack={() => setStep(1)} onStart={() => void start()} />
          </Match>
          <Match when={step() === 3 && imp()}>
            <ImportProgress
              imp={imp()!}
              onUpdate={(next) => {
                setImp(next);
                if (next.status === "done" || next.status === "failed") setStep(4);
              }}
            />
          </Match>
          <Match when={step() === 4 && imp()}>
            <ImportReport imp={imp()!} onAnother={can("contacts.edit") ? () => setParams({ import: undefined }) : undefined} />
          </Match>
        </Switch>
      </Show>
    </Show>
  );
}
