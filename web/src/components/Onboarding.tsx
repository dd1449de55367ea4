import { useMemo, useState } from 'preact/hooks';
import { errorText, post, put } from '../lib/api';
import type { Session } from '../lib/types';
import { Field, PassphraseFields, passphraseValue } from './Field';
import { Qr } from './Qr';

type Step =
  | { kind: 'welcome' }
  | { kind: 'create' }
  | { kind: 'restore' }
  | { kind: 'phrase'; accountId: string; words: string[] }
  | { kind: 'confirm'; accountId: string; words: string[] }
  | { kind: 'done'; accountId: string };

/** First run: create an account (phrase shown once, then confirmed) or restore one from its words. */
export function Onboarding(props: { session: Session; onDone: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'welcome' });
  const profile = props.session.profile ?? 'default';

  return (
    <main class="onboarding">
      <div class="onboarding-card">
        <div class="brand" aria-hidden="true">
          <img src="/favicon.svg" alt="" width={48} height={48} />
        </div>
        {step.kind === 'welcome' && (
          <section aria-labelledby="welcome-title">
            <h1 id="welcome-title">Welcome to Wisp</h1>
            <p class="lead">
              Private messages with no phone number and no central server. Your account is a key that lives on this
              computer.
            </p>
            <div class="stack">
              <button type="button" class="button primary" onClick={() => setStep({ kind: 'create' })}>
                Create account
              </button>
              <button type="button" class="button" onClick={() => setStep({ kind: 'restore' })}>
                I have an account (restore)
              </button>
            </div>
          </section>
        )}
        {step.kind === 'create' && (
          <Create
            profile={profile}
            onBack={() => setStep({ kind: 'welcome' })}
            onCreated={(accountId, words) => setStep({ kind: 'phrase', accountId, words })}
          />
        )}
        {step.kind === 'restore' && (
          <Restore profile={profile} onBack={() => setStep({ kind: 'welcome' })} onRestored={(id) => setStep({ kind: 'done', accountId: id })} />
        )}
        {step.kind === 'phrase' && (
          <Phrase words={step.words} onNext={() => setStep({ kind: 'confirm', accountId: step.accountId, words: step.words })} />
        )}
        {step.kind === 'confirm' && (
          <Confirm
            words={step.words}
            onBack={() => setStep({ kind: 'phrase', accountId: step.accountId, words: step.words })}
            onConfirmed={() => setStep({ kind: 'done', accountId: step.accountId })}
          />
        )}
        {step.kind === 'done' && (
          <section aria-labelledby="done-title">
            <h1 id="done-title">You are ready</h1>
            <p class="lead">This is your Account ID. Friends find you by it, or by scanning this code.</p>
            <Qr text={step.accountId} label="QR code of your Account ID" />
            <p class="account-id" data-testid="account-id">
              {step.accountId}
            </p>
            <button type="button" class="button primary" autoFocus onClick={props.onDone}>
              Start messaging
            </button>
          </section>
        )}
      </div>
    </main>
  );
}

function Create(props: { profile: string; onBack: () => void; onCreated: (accountId: string, words: string[]) => void }) {
  const [name, setName] = useState('');
  const [pass, setPass] = useState({ passphrase: '', confirm: '', none: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const chosen = passphraseValue(pass.passphrase, pass.confirm, pass.none);
    if ('error' in chosen) return setError(chosen.error);
    setBusy(true);
    setError(null);
    try {
      const created = await post<{ account_id: string; words: string[] }>('/api/profiles', {
        profile: props.profile,
        passphrase: chosen.value,
      });
      if (name.trim()) await put('/api/account/display_name', { display_name: name.trim() }).catch(() => undefined);
      props.onCreated(created.account_id, created.words);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="create-title">
      <h1 id="create-title">Create your account</h1>
      <Field label="Your name (optional, shown to people you message)" value={name} onInput={setName} autoFocus autoComplete="nickname" />
      <PassphraseFields {...pass} onChange={(passphrase, confirm, none) => setPass({ passphrase, confirm, none })} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="button" class="button" onClick={props.onBack}>
          Back
        </button>
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </div>
    </form>
  );
}

function Phrase(props: { words: string[]; onNext: () => void }) {
  return (
    <section aria-labelledby="phrase-title">
      <h1 id="phrase-title">Your recovery phrase</h1>
      <p class="lead">
        Write these {props.words.length} words down, in order, and keep them somewhere safe. They are the only way to get
        your account back. Wisp shows them <strong>only now</strong>.
      </p>
      <ol class="phrase" data-testid="recovery-phrase">
        {props.words.map((word, i) => (
          <li key={i}>
            <span class="n" aria-hidden="true">
              {i + 1}
            </span>
            <span class="word">{word}</span>
          </li>
        ))}
      </ol>
      <button type="button" class="button primary" onClick={props.onNext}>
        I wrote them down
      </button>
    </section>
  );
}

function Confirm(props: { words: string[]; onBack: () => void; onConfirmed: () => void }) {
  // Three positions, different each time, in order.
  const asked = useMemo(() => {
    const picks = new Set<number>();
    while (picks.size < Math.min(3, props.words.length)) picks.add(Math.floor(Math.random() * props.words.length));
    return [...picks].sort((a, b) => a - b);
  }, [props.words]);
  const [answers, setAnswers] = useState<string[]>(asked.map(() => ''));
  const [error, setError] = useState<string | null>(null);

  const submit = (e: Event) => {
    e.preventDefault();
    const wrong = asked.filter((position, i) => answers[i].trim().toLowerCase() !== props.words[position].toLowerCase());
    if (wrong.length > 0) return setError(`Word ${wrong.map((p) => p + 1).join(' and ')} does not match. Look at your phrase again.`);
    props.onConfirmed();
  };

  return (
    <form onSubmit={submit} aria-labelledby="confirm-title">
      <h1 id="confirm-title">Check your phrase</h1>
      <p class="lead">Type these words from the phrase you wrote down.</p>
      {asked.map((position, i) => (
        <Field
          key={position}
          name={`word-${position + 1}`}
          label={`Word ${position + 1}`}
          value={answers[i]}
          autoFocus={i === 0}
          onInput={(v) => setAnswers(answers.map((a, j) => (j === i ? v : a)))}
        />
      ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="button" class="button" onClick={props.onBack}>
          Show the phrase again
        </button>
        <button type="submit" class="button primary">
          Confirm
        </button>
      </div>
    </form>
  );
}

function Restore(props: { profile: string; onBack: () => void; onRestored: (accountId: string) => void }) {
  const [words, setWords] = useState('');
  const [pass, setPass] = useState({ passphrase: '', confirm: '', none: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = words.trim() === '' ? 0 : words.trim().split(/\s+/).length;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (count !== 24 && count !== 13) return setError(`A recovery phrase has 24 words (or 13 for an older one); this has ${count}.`);
    const chosen = passphraseValue(pass.passphrase, pass.confirm, pass.none);
    if ('error' in chosen) return setError(chosen.error);
    setBusy(true);
    setError(null);
    try {
      const restored = await post<{ account_id: string }>('/api/profiles/restore', {
        profile: props.profile,
        words: words.trim().split(/\s+/).join(' ').toLowerCase(),
        passphrase: chosen.value,
      });
      props.onRestored(restored.account_id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="restore-title">
      <h1 id="restore-title">Restore your account</h1>
      <Field label="Recovery phrase (24 or 13 words)" value={words} onInput={setWords} multiline autoFocus hint={`${count} words`} />
      <PassphraseFields {...pass} onChange={(passphrase, confirm, none) => setPass({ passphrase, confirm, none })} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="button" class="button" onClick={props.onBack}>
          Back
        </button>
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Restoring…' : 'Restore'}
        </button>
      </div>
    </form>
  );
}
