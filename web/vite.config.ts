import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// `npm run dev` proxies the API to a running `wisp web` (WISP_WEB_URL, e.g. http://127.0.0.1:7480); the build goes to
// dist/, which the wisp binary embeds.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The page runs under script-src 'self': no inline polyfill, no data: URLs for assets.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    proxy: process.env.WISP_WEB_URL ? { '/api': { target: process.env.WISP_WEB_URL, changeOrigin: true } } : undefined,
  },
});
