import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorText, get, takeToken } from './lib/api';
import type { Session } from './lib/types';
import { Onboarding } from './components/Onboarding';
import { Unlock } from './components/Unlock';
import { Messenger } from './components/Messenger';

/** Picks the screen from the session: onboarding without a profile, unlock when locked, else the messenger. */
export function App() {
  const [hasToken] = useState(() => takeToken() !== null);
  const [session, setSession] = useState<Session | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setSession(await get<Session>('/api/session'));
      setProblem(null);
    } catch (error) {
      setProblem(errorText(error));
    }
  }, []);

  useEffect(() => {
    if (hasToken) void refresh();
  }, [hasToken, refresh]);

  if (!hasToken)
    return (
      <Notice title="Open Wisp from its link">
        This page needs the link that <code>wisp web</code> printed when it started (it ends with{' '}
        <code>#token=…</code>). Open that link, or start <code>wisp web --open</code> again.
      </Notice>
    );
  if (problem && !session)
    return (
      <Notice title="Wisp is not answering">
        {problem}{' '}
        <button type="button" class="button" onClick={() => void refresh()}>
          Try again
        </button>
      </Notice>
    );
  if (!session) return <Notice title="Opening Wisp…">One moment.</Notice>;
  if (session.state === 'no_profile') return <Onboarding session={session} onDone={refresh} />;
  if (session.state === 'locked') return <Unlock session={session} onUnlocked={setSession} onCreate={refresh} />;
  return <Messenger session={session} onSessionChanged={refresh} />;
}

function Notice(props: { title: string; children: preact.ComponentChildren }) {
  return (
    <main class="notice">
      <h1>{props.title}</h1>
      <p>{props.children}</p>
    </main>
  );
}
