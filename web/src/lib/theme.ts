// Light, dark or as the system says: the resolved theme is a data attribute on <html> that the stylesheets read.
import type { Theme } from './types';

const key = 'wisp-theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
let current: Theme = 'system';

export function cachedTheme(): Theme {
  const saved = localStorage.getItem(key);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function applyTheme(theme: Theme) {
  current = theme;
  localStorage.setItem(key, theme);
  const dark = theme === 'dark' || (theme === 'system' && media.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

media.addEventListener('change', () => applyTheme(current));
