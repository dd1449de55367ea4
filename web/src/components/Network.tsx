import { useEffect, useState } from 'preact/hooks';
import { errorText, get } from '../lib/api';
import { shortId } from '../lib/format';
import type { Hop, NetworkView, P2pStatus } from '../lib/types';

/** The network as this account sees it: the onion path (drawn), the swarms with this account's marked, every node. */
export function Network() {
  const [view, setView] = useState<NetworkView | null>(null);
  const [p2p, setP2p] = useState<P2pStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stop = false;
    const load = () =>
      get<NetworkView>('/api/network')
        .then((v) => !stop && (setView(v), setError(null)))
        .catch((e) => !stop && setError(errorText(e)))
        .then(() => get<P2pStatus>('/api/p2p'))
        .then((p) => !stop && p && setP2p(p))
        .catch((e) => !stop && setError(errorText(e)));
    void load();
    const timer = setInterval(load, 5000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, []);

  const nameOf = (key: string) => view?.nodes.find((n) => n.ed25519 === key)?.name ?? shortId(key);
  return (
    <div class="page-inner network">
      <h1>Network</h1>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {view && (
        <>
          <p class={`status-line ${view.connected ? 'ok' : 'bad'}`} role="status" data-testid="network-status">
            <span class="dot" aria-hidden="true" />
            {view.connected ? 'Connected through an onion path' : 'Not connected: messages wait in the outbox until the network answers'}
          </p>
          <section aria-labelledby="path-title" class="settings-section">
            <h2 id="path-title">Your onion path</h2>
            <p class="hint">
              Each request is wrapped in layers: the guard knows you but not where the request goes; the destination (a node
              of a swarm) knows the request but not who sent it.
            </p>
            {view.path.length > 0 ? <PathPicture path={view.path} /> : <p class="hint">No path is built yet.</p>}
          </section>
          <section aria-labelledby="swarms-title" class="settings-section">
            <h2 id="swarms-title">Swarms</h2>
            <ul class="swarms">
              {view.swarms.map((s) => {
                const mine = String(s.swarm_id) === String(view.my_swarm);
                return (
                  <li key={String(s.swarm_id)} class={`swarm ${mine ? 'mine' : ''}`} data-testid={mine ? 'my-swarm' : 'swarm'}>
                    <h3>
                      Swarm {String(s.swarm_id)} {mine && <span class="tag">your messages wait here</span>}
                    </h3>
                    <p>{s.members.map(nameOf).join(', ')}</p>
                  </li>
                );
              })}
            </ul>
          </section>
          {p2p && <DirectStatus status={p2p} />}
          <section aria-labelledby="nodes-title" class="settings-section">
            <h2 id="nodes-title">Nodes ({view.nodes.length})</h2>
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Nodes">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Key</th>
                    <th scope="col">Address</th>
                    <th scope="col">Swarm</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {view.nodes.map((n) => (
                    <tr key={n.ed25519}>
                      <td>{n.name}</td>
                      <td class="mono">{shortId(n.ed25519)}</td>
                      <td class="mono">{n.url}</td>
                      <td>{n.swarm_id === null ? '—' : String(n.swarm_id)}</td>
                      <td>{n.active ? 'active' : 'inactive'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

/** The direct path (peer to peer, for contacts in direct mode), as `wisp p2p status` shows it. */
function DirectStatus(props: { status: P2pStatus }) {
  const p = props.status;
  return (
    <section aria-labelledby="direct-title" class="settings-section" data-testid="p2p-status">
      <h2 id="direct-title">Direct connections</h2>
      {p.running ? (
        <dl class="facts">
          <dt>DHT nodes known</dt>
          <dd data-testid="p2p-dht-nodes">{p.dht_nodes}</dd>
          <dt>Public address</dt>
          <dd class="mono">{p.public_address ?? 'not known yet'}</dd>
          <dt>NAT</dt>
          <dd data-testid="p2p-nat">{p.nat_class}</dd>
        </dl>
      ) : (
        <p class="hint" data-testid="p2p-off">
          The direct path is not running: it starts once a contact's direct connection is turned on.
        </p>
      )}
      {p.sessions.length > 0 ? (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Direct sessions">
          <table>
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Path</th>
                <th scope="col">Address</th>
                <th scope="col">Sent</th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {p.sessions.map((s) => (
                <tr key={s.peer}>
                  <td>{s.name}</td>
                  <td>{s.path === 'direct' ? 'direct' : 'through a blind relay'}</td>
                  <td class="mono">{s.remote_address}</td>
                  <td>{s.bytes_sent} B</td>
                  <td>{s.bytes_received} B</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        p.running && <p class="hint">No live direct sessions.</p>
      )}
      {p.contacts.length > 0 && (
        <ul class="direct-contacts">
          {p.contacts.map((c) => (
            <li key={c.peer}>
              {c.name}: {c.state === 'offered' ? 'offered, waiting for them' : c.state === 'requested' ? 'they asked' : c.state}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const roleText = { guard: 'guard', relay: 'relay', destination: 'destination' } as const;

/** You → guard → relays → destination, each hop coloured by its health, with its last round trip. */
function PathPicture(props: { path: Hop[] }) {
  const stops = [{ name: 'You', role: 'you', healthy: true, last_rtt_ms: null as number | null }, ...props.path];
  const width = 160 * stops.length;
  const x = (i: number) => 80 + i * 160;
  const y = 70;
  const summary = props.path
    .map((h) => `${roleText[h.role]} ${h.name} ${h.healthy ? 'healthy' : 'not answering'}${h.last_rtt_ms !== null ? `, ${Math.round(h.last_rtt_ms)} ms` : ''}`)
    .join('; ');
  return (
    <figure class="path-figure">
      <svg viewBox={`0 0 ${width} 150`} class="path" role="img" aria-label={`Onion path: you, then ${summary}`} data-testid="onion-path">
        {stops.slice(1).map((hop, i) => (
          <line key={`l${i}`} x1={x(i) + 28} y1={y} x2={x(i + 1) - 28} y2={y} class={`path-line ${hop.healthy ? 'ok' : 'bad'}`} />
        ))}
        {stops.map((hop, i) => (
          <g key={`h${i}`} class={`hop ${hop.role} ${hop.healthy ? 'ok' : 'bad'}`} data-testid={i > 0 ? 'hop' : undefined}>
            <circle cx={x(i)} cy={y} r={26} />
            <text x={x(i)} y={y + 5} class="hop-mark" text-anchor="middle">
              {i === 0 ? '●' : hop.healthy ? '✓' : '✕'}
            </text>
            <text x={x(i)} y={y + 48} text-anchor="middle" class="hop-name">
              {hop.name}
            </text>
            <text x={x(i)} y={y + 66} text-anchor="middle" class="hop-role">
              {i === 0 ? 'this computer' : `${hop.role}${hop.last_rtt_ms !== null ? ` · ${Math.round(hop.last_rtt_ms)} ms` : ''}`}
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="hint">Green: answered recently. Red: failed; the path is rebuilt around it.</figcaption>
    </figure>
  );
}
