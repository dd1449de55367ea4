import { useEffect, useState } from 'preact/hooks';
import { del, errorText, get, peerPath, post, put } from '../lib/api';
import { accountIdProblem, shortId } from '../lib/format';
import type { Contact } from '../lib/types';
import { Avatar } from './Avatar';
import { Field } from './Field';

/** Contacts with their nicknames (rename, remove, message), adding one by Account ID, and the blocked list. */
export function Contacts(props: { onOpen: (peer: string) => void }) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [id, setId] = useState('');
  const [nickname, setNickname] = useState('');
  const [addError, setAddError] = useState<string | null>(null);

  const load = () =>
    get<Contact[]>('/api/contacts')
      .then(setContacts)
      .catch((e) => setError(errorText(e)));
  useEffect(() => void load(), []);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    const problem = accountIdProblem(id);
    if (problem) return setAddError(problem);
    if (!nickname.trim()) return setAddError('Give them a nickname.');
    try {
      await put(`/api/contacts/${id.trim().toLowerCase()}`, { nickname: nickname.trim() });
      setId('');
      setNickname('');
      setAddError(null);
      await load();
    } catch (err) {
      setAddError(errorText(err));
    }
  };

  const active = contacts?.filter((c) => !c.blocked) ?? [];
  const blocked = contacts?.filter((c) => c.blocked) ?? [];
  return (
    <div class="page-inner">
      <h1>Contacts</h1>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="contacts-list">
        <h2 id="contacts-list">Your contacts</h2>
        {contacts && active.length === 0 && <p class="hint">No contacts yet. Add one below, or accept a message request.</p>}
        <ul class="cards">
          {active.map((c) => (
            <ContactRow key={c.peer} contact={c} onOpen={props.onOpen} act={act} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="contacts-add">
        <h2 id="contacts-add">Add a contact</h2>
        <form class="add-contact" onSubmit={add}>
          <Field label="Account ID" value={id} onInput={setId} placeholder="05…" name="contact-id" />
          <Field label="Nickname" value={nickname} onInput={setNickname} name="contact-nickname" error={addError} />
          <button type="submit" class="button primary">
            Add
          </button>
        </form>
      </section>
      <section aria-labelledby="contacts-blocked">
        <h2 id="contacts-blocked">Blocked</h2>
        {blocked.length === 0 && <p class="hint">Nobody is blocked.</p>}
        <ul class="cards">
          {blocked.map((c) => (
            <li key={c.peer} class="card">
              <Avatar name={c.nickname ?? c.display_name ?? c.peer} id={c.peer} />
              <span class="card-text">
                <span class="card-title">{c.nickname ?? c.display_name ?? shortId(c.peer)}</span>
                <span class="mono small">{shortId(c.peer)}</span>
              </span>
              <button type="button" class="button" onClick={() => act(() => post(`${peerPath(c.peer)}/unblock`))}>
                Unblock
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ContactRow(props: { contact: Contact; onOpen: (peer: string) => void; act: (work: () => Promise<unknown>) => Promise<void> }) {
  const c = props.contact;
  const [editing, setEditing] = useState(false);
  const [nickname, setNickname] = useState(c.nickname ?? '');
  const name = c.nickname ?? c.display_name ?? shortId(c.peer);
  return (
    <li class="card" data-testid="contact">
      <Avatar name={name} id={c.peer} />
      {editing ? (
        <form
          class="row grow"
          onSubmit={(e) => {
            e.preventDefault();
            void props.act(() => put(`/api/contacts/${c.peer}`, { nickname: nickname.trim() })).then(() => setEditing(false));
          }}
        >
          <label for={`nick-${c.peer}`} class="visually-hidden">
            Nickname for {name}
          </label>
          <input id={`nick-${c.peer}`} value={nickname} autoFocus onInput={(e) => setNickname((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="button primary">
            Save
          </button>
          <button type="button" class="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <span class="card-text">
            <span class="card-title">{name}</span>
            <span class="small">
              {c.display_name && c.nickname ? `calls themselves “${c.display_name}” · ` : ''}
              <span class="mono">{shortId(c.peer)}</span>
            </span>
          </span>
          <button type="button" class="button primary" onClick={() => props.onOpen(c.peer)}>
            Message
          </button>
          <button type="button" class="button" aria-label={`Rename ${name}`} onClick={() => setEditing(true)}>
            Rename
          </button>
          <button type="button" class="button" aria-label={`Remove ${name}`} onClick={() => props.act(() => del(`/api/contacts/${c.peer}`))}>
            Remove
          </button>
        </>
      )}
    </li>
  );
}
