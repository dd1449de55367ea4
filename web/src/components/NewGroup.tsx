import { useEffect, useState } from 'preact/hooks';
import { errorText, get, post } from '../lib/api';
import { accountIdProblem, shortId } from '../lib/format';
import type { Contact, Group } from '../lib/types';
import { Avatar } from './Avatar';
import { Dialog } from './Dialog';
import { Field } from './Field';

/** Session's limit on a group's name, characters. */
export const maxGroupName = 100;

/** Make a closed group: a name and members picked from the contacts (or added by Account ID). */
export function NewGroup(props: { accountId: string; onClose: () => void; onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [extra, setExtra] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void get<Contact[]>('/api/contacts')
      .then((all) => setContacts(all.filter((c) => !c.blocked)))
      .catch((e) => setError(errorText(e)));
  }, []);

  const toggle = (peer: string, on: boolean) => setPicked((all) => (on ? [...all, peer] : all.filter((p) => p !== peer)));

  const addExtra = () => {
    const problem = accountIdProblem(extra);
    if (problem) return setError(problem);
    const peer = extra.trim().toLowerCase();
    if (peer === props.accountId) return setError('You are in the group already: add others.');
    if (!picked.includes(peer)) setPicked([...picked, peer]);
    setExtra('');
    setError(null);
  };

  const create = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setError('Give the group a name.');
    if (name.trim().length > maxGroupName) return setError(`A group name has at most ${maxGroupName} characters.`);
    if (picked.length === 0) return setError('Pick at least one member.');
    setBusy(true);
    setError(null);
    try {
      const group = await post<Group>('/api/groups', { name: name.trim(), members: picked });
      props.onCreated(group.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const label = (peer: string) => {
    const c = contacts?.find((x) => x.peer === peer);
    return c?.nickname ?? c?.display_name ?? shortId(peer);
  };
  const others = picked.filter((p) => !contacts?.some((c) => c.peer === p));

  return (
    <Dialog title="New group" onClose={props.onClose}>
      <form class="new-group" onSubmit={create}>
        <Field label="Group name" value={name} onInput={setName} autoFocus name="group-name" />
        <fieldset class="member-picker">
          <legend>Members ({picked.length} picked)</legend>
          {contacts === null && <p class="hint">Loading contacts…</p>}
          {contacts?.length === 0 && <p class="hint">No contacts yet: add members by Account ID below.</p>}
          <ul class="picker-list">
            {contacts?.map((c) => (
              <li key={c.peer}>
                <input
                  id={`pick-${c.peer}`}
                  type="checkbox"
                  checked={picked.includes(c.peer)}
                  onChange={(e) => toggle(c.peer, (e.currentTarget as HTMLInputElement).checked)}
                />
                <label for={`pick-${c.peer}`}>
                  <Avatar name={label(c.peer)} id={c.peer} size="small" />
                  <span>{label(c.peer)}</span>
                  <span class="mono hint">{shortId(c.peer)}</span>
                </label>
              </li>
            ))}
            {others.map((peer) => (
              <li key={peer}>
                <input id={`pick-${peer}`} type="checkbox" checked onChange={() => toggle(peer, false)} />
                <label for={`pick-${peer}`}>
                  <Avatar name={peer} id={peer} size="small" />
                  <span class="mono">{shortId(peer)}</span>
                </label>
              </li>
            ))}
          </ul>
          <div class="row add-member">
            <div class="grow">
              <Field label="Add by Account ID" value={extra} onInput={setExtra} placeholder="05…" name="member-id" />
            </div>
            <button type="button" class="button" onClick={addExtra}>
              Add
            </button>
          </div>
        </fieldset>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create group'}
        </button>
      </form>
    </Dialog>
  );
}
