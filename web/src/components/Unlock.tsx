import { useState } from 'preact/hooks';
import { errorText, post } from '../lib/api';
import type { Session } from '../lib/types';
import { Field } from './Field';

/** A profile with a passphrase: ask for it. */
export function Unlock(props: { session: Session; onUnlocked: (session: Session) => void; onCreate: () => void }) {
  const [profile, setProfile] = useState(props.session.profile ?? props.session.profiles[0] ?? 'default');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onUnlocked(await post<Session>('/api/unlock', { profile, passphrase: passphrase === '' ? null : passphrase }));
    } catch (err) {
      setError(errorText(err));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="onboarding">
      <form class="onboarding-card" onSubmit={submit} aria-labelledby="unlock-title">
        <div class="brand" aria-hidden="true">
          <img src="/favicon.svg" alt="" width={48} height={48} />
        </div>
        <h1 id="unlock-title">Unlock Wisp</h1>
        {props.session.profiles.length > 1 && (
          <div class="field">
            <label for="unlock-profile">Profile</label>
            <select id="unlock-profile" value={profile} onChange={(e) => setProfile((e.currentTarget as HTMLSelectElement).value)}>
              {props.session.profiles.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
        )}
        <Field label="Passphrase" type="password" autoComplete="current-password" value={passphrase} onInput={setPassphrase} autoFocus error={error} />
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}
