import { render } from 'preact';
import { App } from './App';
import { applyTheme, cachedTheme } from './lib/theme';
import './styles/base.css';
import './styles/layout.css';
import './styles/chat.css';
import './styles/pages.css';
import './styles/groups.css';
import './styles/files.css';
import './styles/communities.css';

applyTheme(cachedTheme());
render(<App />, document.getElementById('app')!);
