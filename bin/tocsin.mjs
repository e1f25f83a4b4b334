#!/usr/bin/env node
// Entry point of the `tocsin` command. Runs the compiled server (dist/server, built by `npm install` and
// `npm start`) when it is at least as new as the sources; otherwise (a checkout being edited, no build yet) runs
// the TypeScript sources through tsx, which compiles them at every start. TOCSIN_FROM_SOURCE=1 forces the latter.
// How freshness is decided: scripts/build-server.mjs.
import { freshServerEntry } from '../scripts/build-server.mjs';

const compiled = process.env.TOCSIN_FROM_SOURCE === '1' ? null : freshServerEntry();
let cli;
if (compiled) {
  cli = await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
  cli = await import('../src/server/cli.ts');
}
await cli.main(process.argv);
