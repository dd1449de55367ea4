import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useId } from './Field';

/** A modal <dialog>: the browser keeps focus inside and closes it on Esc. */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Unique, so a dialog opened over another (the QR scanner over New conversation) names only itself.
  const titleId = useId('dialog-title');
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    const onClose = () => props.onClose();
    dialog.addEventListener('close', onClose);
    return () => dialog.removeEventListener('close', onClose);
  }, []);
  return (
    <dialog ref={ref} class={`dialog ${props.wide ? 'wide' : ''}`} aria-labelledby={titleId}>
      <header class="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
          ×
        </button>
      </header>
      {props.children}
    </dialog>
  );
}
