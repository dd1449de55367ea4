// Line icons drawn inline as SVG (no icon font, no external file); decorative, so hidden from screen readers.
const paths = {
  chat: 'M4 5h16v11H8l-4 4z',
  people: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20c0-4 3-6 7-6s7 2 7 6M16 4a3.5 3.5 0 0 1 0 7M18 14c2.5.5 4 2.5 4 6',
  network: 'M12 3v6M12 15v6M5 12h14M12 12m-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0M5 5l3 3M19 19l-3-3M19 5l-3 3M5 19l3-3',
  gear: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .2-1.4-1.4.2-2-3-1-1 2h-2l-1-2-3 1 .2 2L5.6 8.2 4 8l-1 3 2 1v0l-2 1 1 3 2-.2 1.4 1.4-.2 2 3 1 1-2h2l1 2 3-1-.2-2 1.4-1.4 2 .2 1-3z',
  plus: 'M12 5v14M5 12h14',
  send: 'M4 12l16-8-6 16-2-7z',
  reply: 'M10 8L4 13l6 5M4 13h10a6 6 0 0 1 6 6',
  smile: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8.5 14.5c2 2 5 2 7 0M9 9.5h.01M15 9.5h.01',
  trash: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v5M12 8h.01',
  close: 'M6 6l12 12M18 6L6 18',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
  timer: 'M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM12 9v4l2 2M9 2h6',
  back: 'M15 5l-7 7 7 7',
  copy: 'M8 8h11v11H8zM5 16V5h11',
  clip: 'M20 11l-8 8a5 5 0 0 1-7-7l8-8a3.5 3.5 0 0 1 5 5l-8 8a2 2 0 0 1-3-3l7-7',
  ban: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM5.6 5.6l12.8 12.8',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z',
  group: 'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 19c0-3 2.5-5 6-5s6 2 6 5M14 14.2c.6-.1 1.3-.2 2-.2 3.5 0 6 2 6 5',
};

export function Icon(props: { name: keyof typeof paths }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width={22} height={22} aria-hidden="true" focusable="false">
      <path d={paths[props.name]} />
    </svg>
  );
}
