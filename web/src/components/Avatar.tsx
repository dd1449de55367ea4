import { hue, initials } from '../lib/format';

export function Avatar(props: { name: string; id: string; size?: 'small' | 'large' }) {
  return (
    <span class={`avatar hue-${hue(props.id)} ${props.size ?? ''}`} aria-hidden="true">
      {initials(props.name)}
    </span>
  );
}
