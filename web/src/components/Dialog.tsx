/**
 * A modal dialog on the native <dialog> element: focus moves inside and stays there, Escape
 * closes it, the page behind is inert. Its content is created when it opens, so each opening
 * starts from a clean form.
 */
import { Show, createEffect, createUniqueId, type JSX } from "solid-js";
import { t } from "../i18n";

export default function Dialog(props: { open: boolean; title: string; onClose: () => void; children: JSX.Element }) {
  let el: HTMLDialogElement | undefined;
  const titleId = `d-${createUniqueId()}`;
  createEffect(() => {
    if (!el) return;
    if (props.open && !el.open) el.showModal();
    else if (!props.open && el.open) el.close();
  });
  return (
    <dialog
      ref={el}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <div class="dialog-head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="btn btn-ghost btn-icon" aria-label={t("common.close")} onClick={() => props.onClose()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <Show when={props.open}>
        <div class="dialog-body">{props.children}</div>
      </Show>
    </dialog>
  );
}
