import { useState } from 'preact/hooks';
import { Icon } from './Icon';

export function CopyButton(props: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      class="button"
      onClick={() =>
        void navigator.clipboard?.writeText(props.text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 2000);
        })
      }
    >
      <Icon name="copy" /> {done ? 'Copied' : (props.label ?? 'Copy Account ID')}
    </button>
  );
}
