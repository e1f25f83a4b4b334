#!/usr/bin/env node
// Entry point of the `tocsin` command: runs the TypeScript sources through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
const { main } = await import('../src/server/cli.ts');
await main(process.argv);
