// Small display helpers shared by the screens.

export const isAccountId = (text: string) => /^05[0-9a-f]{64}$/.test(text.trim().toLowerCase());

/** Why an Account ID is not one (null when it is): said before anything is sent. */
export function accountIdProblem(text: string): string | null {
  const id = text.trim().toLowerCase();
  if (id === '') return 'Enter an Account ID.';
  if (!/^[0-9a-f]*$/.test(id)) return 'An Account ID has only the characters 0-9 and a-f.';
  if (!id.startsWith('05')) return 'An Account ID starts with 05.';
  if (id.length !== 66) return `An Account ID has 66 characters; this one has ${id.length}.`;
  return null;
}

export const shortId = (id: string) => (id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id);

export function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function day(ms: number): string {
  const date = new Date(ms);
  const today = new Date();
  if (date.toDateString() === today.toDateString()) return time(ms);
  return date.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

export const initials = (name: string) => {
  const words = name.replace(/[^\p{L}\p{N} ]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '#';
  return (words.length === 1 ? words[0].slice(0, 2) : words[0][0] + words[1][0]).toUpperCase();
};

/** A stable colour class (0..7) for an avatar, from the Account ID. */
export const hue = (id: string) => (parseInt(id.slice(-2), 16) || 0) % 8;

export const timers: { label: string; seconds: number | null }[] = [
  { label: 'Off', seconds: null },
  { label: '30 seconds', seconds: 30 },
  { label: '5 minutes', seconds: 300 },
  { label: '1 hour', seconds: 3600 },
  { label: '12 hours', seconds: 43200 },
  { label: '1 day', seconds: 86400 },
  { label: '1 week', seconds: 604800 },
];

export const timerLabel = (seconds: number | null) =>
  timers.find((t) => t.seconds === seconds)?.label ?? `${seconds} seconds`;

export const isGroup = (id: string) => id.startsWith('03');

/** A size for people: 1.4 MB, 820 kB, 12 bytes (decimal units, as file managers show them). */
export function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A rate, bytes per second, as "3.2 MB/s". */
export const rate = (bytesPerSecond: number) => `${size(Math.round(bytesPerSecond))}/s`;

/** Time left: "12 s left", "3 min left", "1 h 5 min left". */
export function timeLeft(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s left`;
  if (s < 3600) return `${Math.round(s / 60)} min left`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min left`;
}
