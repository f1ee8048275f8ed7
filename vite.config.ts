import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API's top-level paths: `npx vite` (development on :5173) forwards them to :3000. */
const apiPrefixes = [
  '/auth',
  '/me',
  '/users',
  '/organisations',
  '/api-keys',
  '/enterprises',
  '/persons',
  '/consents',
  '/audit-events',
  '/ledger',
  '/ingest',
  '/records',
  '/scoring',
  '/rules',
  '/loans',
  '/disputes',
  '/monitor',
  '/archive',
];

// The portals are built into dist/web, which the server serves at `/` (src/api/web.ts).
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    proxy: Object.fromEntries(apiPrefixes.map((prefix) => [prefix, 'http://127.0.0.1:3000'])),
  },
});
