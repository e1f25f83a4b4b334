// The web build: src/web → dist/web. In development the dev server proxies /api to the Tocsin server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

export const alias = {
  '#server': path.join(root, 'src/server'),
  '#shared': path.join(root, 'src/shared'),
  '#web': path.join(root, 'src/web'),
  '#tests': path.join(root, 'tests'),
};

export default defineConfig({
  root: path.join(root, 'src/web'),
  plugins: [react()],
  resolve: { alias },
  build: { outDir: path.join(root, 'dist/web'), emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/rfc2350': 'http://localhost:8080',
      '/.well-known': 'http://localhost:8080',
      '/pgp-key.asc': 'http://localhost:8080',
    },
  },
});
