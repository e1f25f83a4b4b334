// Where outgoing mail goes. Without a relay configured, into a folder (one .eml file per message, written whole then
// renamed into place, synced): nothing is lost, and a newcomer sees what Tocsin would have sent.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface Transport {
  /** 'file' (a folder) or 'smtp' (a relay). */
  kind: 'file' | 'smtp';
  send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<void>;
}

export function folderTransport(dir: string): Transport {
  return {
    kind: 'file',
    async send(raw) {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(6).toString('hex')}.eml`;
      const tmp = path.join(dir, `.${name}.tmp`);
      const handle = await fs.open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(raw);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, path.join(dir, name));
    },
  };
}
