import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

let next = 0;
/** A stable id for a label/input pair. */
export function useId(prefix: string) {
  const [id] = useState(() => `${prefix}-${++next}`);
  return id;
}

/** A labelled input; `hint` and `error` are tied to it with aria-describedby. */
export function Field(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: string;
  hint?: ComponentChildren;
  error?: string | null;
  autoFocus?: boolean;
  autoComplete?: string;
  placeholder?: string;
  name?: string;
  disabled?: boolean;
  multiline?: boolean;
  spellcheck?: boolean;
}) {
  const id = useId('field');
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: props.name,
    value: props.value,
    autoFocus: props.autoFocus,
    placeholder: props.placeholder,
    disabled: props.disabled,
    spellcheck: props.spellcheck ?? false,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': described || undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={4} autoComplete="off" />
      ) : (
        <input {...common} type={(props.type ?? 'text') as 'text'} autoComplete={props.autoComplete ?? 'off'} />
      )}
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The passphrase pair (typed twice) or an explicit "no passphrase". */
export function PassphraseFields(props: {
  passphrase: string;
  confirm: string;
  none: boolean;
  onChange: (passphrase: string, confirm: string, none: boolean) => void;
  label?: string;
  /** False where a passphrase cannot be taken away (changing it). */
  allowNone?: boolean;
}) {
  const id = useId('nopass');
  return (
    <fieldset class="passphrase">
      <legend>{props.label ?? 'Passphrase for this computer'}</legend>
      <p class="hint">It locks your account and messages on this computer. It is not your recovery phrase.</p>
      {!props.none && (
        <>
          <Field
            label="Passphrase"
            type="password"
            autoComplete="new-password"
            value={props.passphrase}
            onInput={(v) => props.onChange(v, props.confirm, false)}
          />
          <Field
            label="Passphrase again"
            type="password"
            autoComplete="new-password"
            value={props.confirm}
            onInput={(v) => props.onChange(props.passphrase, v, false)}
            error={props.confirm && props.confirm !== props.passphrase ? 'The two passphrases differ.' : null}
          />
        </>
      )}
      {props.allowNone !== false && (
      <div class="check">
        <input
          id={id}
          type="checkbox"
          checked={props.none}
          onChange={(e) => props.onChange('', '', (e.currentTarget as HTMLInputElement).checked)}
        />
        <label for={id}>Use no passphrase (anyone using this computer can open the account)</label>
      </div>
      )}
    </fieldset>
  );
}

/** The passphrase to send: null for an explicit "none", else the typed one (or an error sentence). */
export function passphraseValue(passphrase: string, confirm: string, none: boolean): { value: string | null } | { error: string } {
  if (none) return { value: null };
  if (passphrase === '') return { error: 'Choose a passphrase, or tick "Use no passphrase".' };
  if (passphrase !== confirm) return { error: 'The two passphrases differ.' };
  return { value: passphrase };
}
