// Compiles the server (src/server, src/shared) to JavaScript in dist/server with esbuild, so that `tocsin` starts
// without compiling TypeScript. Packages stay external (node_modules is read at run time); our own code is bundled,
// which resolves the `#server/*` and `#shared/*` roots from tsconfig.json. Run directly: `node scripts/build-server.mjs`.
//
// Freshness: the build is fresh when dist/server/cli.mjs is newer than every file and folder under src/server and
// src/shared, and than tsconfig.json (a folder's mtime changes when a file in it is added, renamed or deleted).
// The output is stamped with the time the build started, so an edit made during a build leaves it stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverDist = path.join(root, 'dist/server');
const entryName = 'cli.mjs';
const sourceDirs = ['src/server', 'src/shared'];
const sourceFiles = ['tsconfig.json'];

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, entry)));
  return t;
}

/** The newest modification time among the sources the server build is made from. */
export function newestServerSource() {
  return Math.max(...sourceDirs.map((d) => newest(path.join(root, d))), ...sourceFiles.map((f) => fs.statSync(path.join(root, f)).mtimeMs));
}

/** The compiled entry when dist/server holds a build at least as new as the sources, otherwise null. */
export function freshServerEntry(outdir = serverDist) {
  const entry = path.join(outdir, entryName);
  let built;
  try {
    built = fs.statSync(entry).mtimeMs;
  } catch {
    return null;
  }
  return built >= newestServerSource() ? entry : null;
}

/**
 * Bundled code runs from another folder than its source, so `import.meta.url` (and `.filename`, `.dirname`) in a
 * source file (used to find migrations/, dist/web and package.json relative to it) is rewritten to the location the
 * source file has, relative to the build: each file keeps resolving its neighbours exactly as it does under tsx.
 * A worker thread started from a source file would run TypeScript: the build refuses it until it is taught that.
 */
function sourceLocationPlugin(outdir) {
  return {
    name: 'tocsin-source-location',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, 'utf8');
        if (!text.includes('import.meta.')) return undefined;
        if (/new Worker\(/.test(text)) {
          return {
            errors: [
              { text: `${path.relative(root, args.path)} starts a worker thread: teach scripts/build-server.mjs to build its file` },
            ],
          };
        }
        const fromOut = path.relative(outdir, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(fromOut)}, import.meta.url)`;
        const contents = text
          .replaceAll('import.meta.url', `${url}.href`)
          .replaceAll('import.meta.filename', `__tocsinFileURLToPath(${url})`)
          .replaceAll('import.meta.dirname', `__tocsinDirname(__tocsinFileURLToPath(${url}))`);
        return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

/**
 * Builds the server into `outdir` (dist/server by default); returns the path of the entry module. One file, no
 * split chunks: a rebuild replaces it atomically (written aside, then renamed), so a server already running from
 * it never finds a chunk it still has to load gone, and a process starting meanwhile never reads half a file.
 */
export async function buildServer({ outdir = serverDist } = {}) {
  const started = new Date();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/server/cli.ts'],
    outfile: path.join(outdir, entryName),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    // The map carries the original paths: `node --enable-source-maps` prints stack traces in src/.
    sourcemap: 'linked',
    legalComments: 'none',
    banner: {
      js: "import { fileURLToPath as __tocsinFileURLToPath } from 'node:url'; import { dirname as __tocsinDirname } from 'node:path';",
    },
    logLevel: 'warning',
    write: false,
    plugins: [sourceLocationPlugin(outdir)],
  });
  fs.mkdirSync(outdir, { recursive: true });
  // The map first, the entry last: the entry's mtime is what marks the build as done.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path.endsWith('.mjs')) - Number(b.path.endsWith('.mjs')));
  for (const file of files) {
    const aside = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(aside, file.contents);
    fs.utimesSync(aside, started, started);
    fs.renameSync(aside, file.path);
  }
  return path.join(outdir, entryName);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  await buildServer();
  process.stdout.write(`Server built into ${path.relative(root, serverDist)}/ in ${Math.round(performance.now() - t0)} ms\n`);
}
