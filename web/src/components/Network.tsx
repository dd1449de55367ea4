import { useEffect, useState } from 'preact/hooks';
import { errorText, get } from '../lib/api';
import { shortId } from '../lib/format';
import type { Hop, NetworkView } from '../lib/types';

/** The network as this account sees it: the onion path (drawn), the swarms with this account's marked, every node. */
export function Network() {
  const [view, setView] = useState<NetworkView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stop = false;
    const load = () =>
      get<NetworkView>('/api/network')
        .then((v) => !stop && (setView(v), setError(null)))
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
