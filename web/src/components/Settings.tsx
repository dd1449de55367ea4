import { useEffect, useState } from 'preact/hooks';
import { errorText, get, post, put } from '../lib/api';
import { applyTheme } from '../lib/theme';
import type { Account, Session, Settings as SettingsShape, Theme } from '../lib/types';
import { CopyButton } from './CopyButton';
import { Field, PassphraseFields, passphraseValue } from './Field';
import { ProfilePicture } from './ProfilePicture';
import { Qr } from './Qr';

/** Profile (name, Account ID), privacy defaults, theme, passphrase, lock, and the keyboard shortcuts. */
export function Settings(props: { session: Session; onSessionChanged: () => void }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [settings, setSettings] = useState<SettingsShape | null>(null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void get<Account>('/api/account').then((a) => {
      setAccount(a);
      setName(a.display_name ?? '');
    });
    void get<SettingsShape>('/api/settings').then(setSettings);
  }, []);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    setStatus(null);
    try {
      await work();
      setStatus(done);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const change = (patch: Partial<SettingsShape>) => {
    if (!settings) return;
    const next = { ...settings, ...patch };
    setSettings(next);
    if (patch.theme) applyTheme(patch.theme);
    void run(() => put('/api/settings', next), 'Saved.');
  };

  return (
    <div class="page-inner">
      <h1>Settings</h1>
      <p class="visually-hidden" role="status">
        {status}
      </p>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="settings-profile" class="settings-section">
        <h2 id="settings-profile">Profile</h2>
        {account && <ProfilePicture account={account} onChanged={setAccount} onStatus={setStatus} />}
        {account && (
          <div class="profile">
            <Qr text={account.account_id} label="QR code of your Account ID" size={140} />
            <div>
              <p class="hint">Account ID (profile “{account.profile}”)</p>
              <p class="account-id small" data-testid="settings-account-id">
                {account.account_id}
              </p>
              <CopyButton text={account.account_id} />
            </div>
          </div>
        )}
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => put('/api/account/display_name', { display_name: name.trim() || null }), 'Name saved.');
          }}
        >
          <Field label="Display name (sent with your messages)" value={name} onInput={setName} />
          <button type="submit" class="button">
            Save name
          </button>
        </form>
      </section>
      {settings && (
        <section aria-labelledby="settings-privacy" class="settings-section">
          <h2 id="settings-privacy">Privacy</h2>
          <p class="hint">Defaults for new conversations; each chat's details can change its own.</p>
          <div class="check">
            <input id="set-receipts" type="checkbox" checked={settings.read_receipts} onChange={(e) => change({ read_receipts: (e.currentTarget as HTMLInputElement).checked })} />
            <label for="set-receipts">Send read receipts</label>
          </div>
          <div class="check">
            <input id="set-typing" type="checkbox" checked={settings.typing_indicators} onChange={(e) => change({ typing_indicators: (e.currentTarget as HTMLInputElement).checked })} />
            <label for="set-typing">Send typing indicators</label>
          </div>
        </section>
      )}
      {settings && (
        <fieldset class="settings-section themes">
          <legend>Theme</legend>
          {(['light', 'dark', 'system'] as Theme[]).map((theme) => (
            <div class="check" key={theme}>
              <input id={`theme-${theme}`} type="radio" name="theme" checked={settings.theme === theme} onChange={() => change({ theme })} />
              <label for={`theme-${theme}`}>{theme === 'system' ? 'As the system' : theme === 'light' ? 'Light' : 'Dark'}</label>
            </div>
          ))}
        </fieldset>
      )}
      <Passphrase onDone={(text) => setStatus(text)} />
      <section aria-labelledby="settings-lock" class="settings-section">
        <h2 id="settings-lock">Lock</h2>
        <p class="hint">Closes the account in this window until its passphrase is typed again.</p>
        <button type="button" class="button" onClick={() => void post('/api/lock').then(props.onSessionChanged)}>
          Lock now
        </button>
      </section>
      <section aria-labelledby="settings-keys" class="settings-section">
        <h2 id="settings-keys">Keyboard shortcuts</h2>
        <dl class="shortcuts">
          <dt><kbd>Ctrl</kbd> + <kbd>K</kbd></dt>
          <dd>Search</dd>
          <dt><kbd>Alt</kbd> + <kbd>↑</kbd> / <kbd>↓</kbd></dt>
          <dd>Previous / next conversation</dd>
          <dt><kbd>Enter</kbd></dt>
          <dd>Send (<kbd>Shift</kbd> + <kbd>Enter</kbd>: new line)</dd>
          <dt><kbd>Esc</kbd></dt>
          <dd>Close a dialog, the details panel, or the reply</dd>
        </dl>
      </section>
    </div>
  );
}

function Passphrase(props: { onDone: (text: string) => void }) {
  const [old, setOld] = useState('');
  const [pass, setPass] = useState({ passphrase: '', confirm: '', none: false });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const chosen = passphraseValue(pass.passphrase, pass.confirm, pass.none);
    if ('error' in chosen) return setError(chosen.error);
    try {
      await post('/api/account/passphrase', { old: old === '' ? null : old, new: chosen.value });
      setOld('');
      setPass({ passphrase: '', confirm: '', none: false });
      setError(null);
      props.onDone('Passphrase changed.');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="settings-section" onSubmit={submit} aria-labelledby="settings-pass">
      <h2 id="settings-pass">Passphrase</h2>
      <Field label="Current passphrase (empty if none)" type="password" autoComplete="current-password" value={old} onInput={setOld} />
      <PassphraseFields {...pass} label="New passphrase" allowNone={false} onChange={(passphrase, confirm, none) => setPass({ passphrase, confirm, none })} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="button">
        Change passphrase
      </button>
    </form>
  );
}
