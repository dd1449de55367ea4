import { isGroupId } from '../lib/api';
import { useBlobUrl } from '../lib/blobs';
import { hue, initials } from '../lib/format';

/** Where a picture of `id` is served: the account's own, a contact's, or a group's. */
export function picturePath(id: string, own?: boolean): string {
  if (own) return '/api/account/picture';
  return isGroupId(id) ? `/api/groups/${id}/picture` : `/api/contacts/${id}/picture`;
}

/** Initials on a colour from the ID, or the profile picture when there is one (decorative: the name is beside it). */
export function Avatar(props: { name: string; id: string; size?: 'small' | 'large'; picture?: boolean; own?: boolean; version?: number }) {
  const { url } = useBlobUrl(props.picture ? picturePath(props.id, props.own) : null, props.version);
  const group = isGroupId(props.id);
  if (url)
    return (
      <span class={`avatar picture ${props.size ? `avatar-${props.size}` : ''}`} aria-hidden="true">
        <img src={url} alt="" />
      </span>
    );
  return (
    <span class={`avatar hue-${hue(props.id)} ${group ? 'group' : ''} ${props.size ? `avatar-${props.size}` : ''}`} aria-hidden="true">
      {initials(props.name)}
    </span>
  );
}
