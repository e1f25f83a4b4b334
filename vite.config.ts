// The web build: src/web → dist/web. In development the dev server proxies /api to the Tocsin server.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

export const alias = {
  '#server': path.join(root, 'src/server'),
  '#shared': path.join(root, 'src/shared'),
  '#web': path.join(root, 'src/web'),
  '#tests': path.join(root, 'tests'),
};

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes file.br (brotli, best quality) and file.gz (gzip -9) beside every text file under `dir`, for the
 * server to send as they are (@fastify/static's preCompressed): the smallest transfer, and no compression
 * work per request. Source maps are left to the server's on-the-fly compression (only developer tools fetch
 * them); a file under 1 KB, or one that would not shrink, gets no copy.
 */
export async function precompressDir(dir: string): Promise<void> {
  const files: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const e of await fs.readdir(folder, { withFileTypes: true })) {
      const file = path.join(folder, e.name);
      if (e.isDirectory()) await walk(file);
      else if (e.isFile() && /\.(?:html|js|mjs|css|svg|json|txt|xml|webmanifest)$/.test(e.name)) files.push(file);
    }
  };
  await walk(dir);
  await Promise.all(
    files.map(async (file) => {
      const data = await fs.readFile(file);
      if (data.length < 1024) return;
      const [br, gz] = await Promise.all([
        brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gzip(data, { level: 9 }),
      ]);
      if (br.length < data.length) await fs.writeFile(`${file}.br`, br);
      if (gz.length < data.length) await fs.writeFile(`${file}.gz`, gz);
    }),
  );
}

/** Precompresses the build output once it is all written (public files included); nothing after a failed build. */
function precompress(): Plugin {
  let outDir = '';
  let written = false;
  return {
    name: 'tocsin:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      written = true;
    },
    async closeBundle() {
      if (written) await precompressDir(outDir);
    },
  };
}

export default defineConfig({
  root: path.join(root, 'src/web'),
  plugins: [react(), precompress()],
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
