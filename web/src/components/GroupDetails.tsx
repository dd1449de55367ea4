import { useEffect, useState } from 'preact/hooks';
import { del, errorText, get, post, put } from '../lib/api';
import { accountIdProblem, shortId } from '../lib/format';
import { useStore } from '../lib/store';
import type { Contact, Group, Member } from '../lib/types';
import { Avatar } from './Avatar';
import { Dialog } from './Dialog';
import { Icon } from './Icon';
import { maxGroupName } from './NewGroup';

/** A group's side panel: its name and description (admins change them), members (admins invite, remove, promote), leave. */
export function GroupDetails(props: { group: Group; onClose: () => void; onError: (error: string | null) => void; onLeft: () => void }) {
  const store = useStore();
  const g = props.group;
  const base = `/api/groups/${encodeURIComponent(g.id)}`;
  const [name, setName] = useState(g.name);
  const [description, setDescription] = useState(g.description ?? '');
  const [invitee, setInvitee] = useState('');
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [confirm, setConfirm] = useState<{ title: string; text: string; action: string; run: () => Promise<unknown> } | null>(null);

  useEffect(() => setName(g.name), [g.name]);
  useEffect(() => {
    void get<Contact[]>('/api/contacts')
      .then((all) => setContacts(all.filter((c) => !c.blocked)))
      .catch(() => undefined);
  }, []);

  const act = async (work: () => Promise<unknown>) => {
    props.onError(null);
    try {
      await work();
      await store.refreshConversations();
    } catch (error) {
      props.onError(errorText(error));
    }
  };

  const invite = (e: Event) => {
    e.preventDefault();
    const problem = accountIdProblem(invitee);
    if (problem) return props.onError(problem);
    void act(async () => {
      await post(`${base}/members`, { members: [invitee.trim().toLowerCase()] });
      setInvitee('');
    });
  };

  const memberPath = (m: Member) => `${base}/members/${encodeURIComponent(m.account_id)}`;
  const inGroup = new Set(g.members.map((m) => m.account_id));
  const invitable = contacts.filter((c) => !inGroup.has(c.peer));
  const admins = g.members.filter((m) => m.admin).length;

  return (
    <aside
      class="details group-details"
      aria-label="Group details"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !confirm) props.onClose();
      }}
    >
      <header class="details-header">
        <h2>Group</h2>
        <button type="button" class="icon-button" aria-label="Close details" onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </header>
      {g.admin ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim() || name.trim().length > maxGroupName)
              return props.onError(`A group name has 1 to ${maxGroupName} characters.`);
            void act(() => put(base, { name: name.trim(), description: description.trim() || null }));
          }}
        >
          <label for="group-name">Name</label>
          <input id="group-name" value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
          <label for="group-description">Description</label>
          <textarea
            id="group-description"
            rows={2}
            value={description}
            onInput={(e) => setDescription((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <button type="submit" class="button">
            Save
          </button>
        </form>
      ) : (
        g.description && <p class="group-description">{g.description}</p>
      )}
      <h3 id="members-title">
        Members <span class="hint">({g.members.length})</span>
      </h3>
      <ul class="members" aria-labelledby="members-title" data-testid="members">
        {g.members.map((m) => (
          <li key={m.account_id} class="member" data-testid="member" data-id={m.account_id}>
            <Avatar name={m.name} id={m.account_id} size="small" />
            <span class="member-text">
              <span class="member-name">{m.you ? `${m.name} (you)` : m.name}</span>
              <span class="hint">
                {m.admin ? 'Admin' : 'Member'}
                {m.state === 'invited' ? ' · invited' : m.state === 'failed' ? ' · invite failed' : ''}
              </span>
            </span>
            {g.admin && !m.you && (
              <span class="member-actions">
                {!m.admin && (
                  <button
                    type="button"
                    class="button small-button"
                    aria-label={`Promote ${m.name}`}
                    title={`Make ${m.name} an admin`}
                    onClick={() =>
                      setConfirm({
                        title: `Make ${m.name} an admin?`,
                        text: 'Admins can invite and remove members and rename the group. This cannot be undone.',
                        action: 'Make admin',
                        run: () => post(`${memberPath(m)}/promote`),
                      })
                    }
                  >
                    Promote
                  </button>
                )}
                <button
                  type="button"
                  class="button small-button danger"
                  aria-label={`Remove ${m.name}`}
                  onClick={() =>
                    setConfirm({
                      title: `Remove ${m.name}?`,
                      text: 'They will not read anything sent after this (the group gets a new key).',
                      action: 'Remove',
                      run: () => del(memberPath(m)),
                    })
                  }
                >
                  Remove
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {g.admin && (
        <form class="inline-form" onSubmit={invite}>
          <label for="group-invite">Invite</label>
          {invitable.length > 0 && (
            <select
              id="group-invite-contact"
              aria-label="Invite a contact"
              value=""
              onChange={(e) => setInvitee((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">Pick a contact…</option>
              {invitable.map((c) => (
                <option key={c.peer} value={c.peer}>
                  {c.nickname ?? c.display_name ?? shortId(c.peer)}
                </option>
              ))}
            </select>
          )}
          <div class="row">
            <input id="group-invite" placeholder="05…" value={invitee} onInput={(e) => setInvitee((e.currentTarget as HTMLInputElement).value)} />
            <button type="submit" class="button">
              Invite
            </button>
          </div>
        </form>
      )}
      <button
        type="button"
        class="button danger"
        onClick={() =>
          setConfirm({
            title: `Leave ${g.name}?`,
            text:
              g.admin && admins === 1 && g.members.length > 1
                ? 'You are its only admin: promote someone first, or the group has no one to manage it.'
                : 'You will no longer receive its messages.',
            action: 'Leave group',
            run: async () => {
              await post(`${base}/leave`);
              props.onLeft();
            },
          })
        }
      >
        Leave group
      </button>
      {confirm && (
        <Dialog title={confirm.title} onClose={() => setConfirm(null)}>
          <p class="dialog-text">{confirm.text}</p>
          <div class="row">
            <button type="button" class="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
            <button
              type="button"
              class="button danger"
              onClick={() => {
                const run = confirm.run;
                setConfirm(null);
                void act(run);
              }}
            >
              {confirm.action}
            </button>
          </div>
        </Dialog>
      )}
    </aside>
  );
}
