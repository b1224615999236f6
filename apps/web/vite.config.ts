import { fileURLToPath } from 'node:url';
import { defineConfig, type Connect, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// Where `vite` (dev) and `vite preview` send /api; the server's default address unless set.
const api = { target: process.env.HONGYUN_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false };

/** /m and /m/* pages are the member app's, as on the server (dev and preview only). */
function memberFallback(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    const url = req.url ?? '';
    if (/^\/m(\/[^.?]*)?(\?.*)?$/.test(url) && (req.headers.accept ?? '').includes('text/html')) req.url = '/m/index.html';
    next();
  };
  return {
    name: 'hongyun-member-fallback',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
}

// Two entries: the admin app (/) and the light member phone app (/m). The server serves
// dist/index.html for any non-API path and dist/m/index.html for /m and /m/*.
export default defineConfig({
  plugins: [react(), memberFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      input: { admin: here('./index.html'), member: here('./m/index.html') },
      output: {
        // Stable, readable vendor chunks shared by both entries (long-term cached); antd stays
        // split per route by the bundler so the member app never loads it.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
            { name: 'query', test: /node_modules[\\/](@tanstack|openapi-fetch)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api },
  },
  preview: {
    proxy: { '/api': api },
  },
});
