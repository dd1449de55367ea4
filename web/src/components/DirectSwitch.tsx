import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorText, get, put } from '../lib/api';
import type { DirectContact } from '../lib/types';
import { Dialog } from './Dialog';

const directPath = (peer: string) => `/api/contacts/${encodeURIComponent(peer)}/direct`;

/** What each state means, in plain words. */
function describe(d: DirectContact): string {
  switch (d.state) {
    case 'on':
      return `On: messages and files go straight to ${d.name} while you are both online, and through the swarm otherwise.`;
    case 'offered':
      return `${d.name} has not turned it on yet: nothing goes direct until they do.`;
    case 'requested':
      return `${d.name} asks to talk directly. Turn it on to accept.`;
    default:
      return 'Off: everything goes through the swarm, and your IP address stays hidden from them.';
  }
}

/**
 * The "Direct connection" switch of a chat's details (both sides must turn it on). Turning it on first shows what it
 * exposes, the same sentence `wisp contacts direct on` states, and asks to confirm; turning it off needs no confirmation.
 */
export function DirectSwitch(props: { peer: string; onError: (error: string | null) => void }) {
  const [direct, setDirect] = useState<DirectContact | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const d = await get<DirectContact>(directPath(props.peer));
        if (live) setDirect(d);
      } catch (error) {
        // Not a contact yet (404): no switch. Anything else is said once.
        if (live && !(error instanceof ApiError && error.status === 404)) props.onError(errorText(error));
      }
    };
    void load();
    // The contact's answer comes through their swarm: looked at again now and then while the panel is open.
    const timer = setInterval(() => void load(), 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [props.peer]);

  if (!direct) return null;
  const set = async (on: boolean) => {
    props.onError(null);
    setBusy(true);
    try {
      setDirect(await put<DirectContact>(directPath(props.peer), on ? { on: true, confirm_ip_exposure: true } : { on: false }));
    } catch (error) {
      props.onError(errorText(error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const checked = direct.state === 'on' || direct.state === 'offered';
  return (
    <div class="direct-switch">
      <div class="check">
        <input
          id="details-direct"
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={busy}
          aria-describedby="details-direct-state"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            input.checked = checked; // shown as it is until confirmed (or turned off)
            if (checked) void set(false);
            else setConfirming(true);
          }}
        />
        <label for="details-direct">Direct connection</label>
      </div>
      <p id="details-direct-state" class="hint" data-state={direct.state}>
        {describe(direct)}
      </p>
      {confirming && (
        <Dialog title={`Talk directly with ${direct.name}?`} onClose={() => setConfirming(false)}>
          <p class="direct-warning">{direct.ip_exposure}</p>
          <div class="row dialog-buttons">
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" class="button primary" disabled={busy} onClick={() => void set(true)}>
              Turn on and share my IP address
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** A small marker for a message or file that went or came on a direct session (nothing for the swarm or file server). */
export function PathMark(props: { path?: string | null; what: 'message' | 'file' }) {
  if (props.path !== 'direct' && props.path !== 'relayed') return null;
  const words =
    props.path === 'direct'
      ? 'Went directly, peer to peer'
      : 'Went on a direct session through a blind relay';
  return (
    <span class={`path-mark ${props.path}`} data-testid={`${props.what}-path`} data-path={props.path} title={words} role="img" aria-label={words}>
      {props.path === 'direct' ? '⇄' : '⇋'}
    </span>
  );
}
