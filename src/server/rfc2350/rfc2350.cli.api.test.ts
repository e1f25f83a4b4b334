// `tocsin rfc2350 check` as a person runs it in a terminal: a real process on the real documents.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function tocsin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/tocsin.mjs', ...args], { timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tocsin rfc2350 check', () => {
  it('reports what a real document contains and its defects, exiting 1 on errors', async () => {
    const r = await tocsin(['rfc2350', 'check', 'tests/fixtures/rfc2350/example-xyz-cert-rfc2350-appendix-e.txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('XYZ University Computer Emergency Response Team (XYZ-CERT)');
    expect(r.stdout).toContain('xyz-cert@xyz-univ.ca');
    expect(r.stdout).toContain('America/Toronto');
    expect(r.stdout).toMatch(/ERROR .*fingerprint-invalid/);
  });

  it('prints JSON with --json', async () => {
    const r = await tocsin(['rfc2350', 'check', '--json', 'tests/fixtures/rfc2350/github-sirt-rfc2350.md']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { extracted: { email: string; sections: unknown[] }; findings: { code: string }[] };
    expect(report.extracted.email).toBe('security@github.com');
    expect(report.extracted.sections.length).toBeGreaterThan(20);
    expect(report.findings.map((f) => f.code)).toContain('obfuscated-email');
  });

  it('answers an empty file, a binary file and a missing file with a clear error and exit 2', async () => {
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    const binary = path.join(dir, 'doc.pdf');
    fs.writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x00, 0x13]));
    for (const [file, message] of [
      [empty, /empty/i],
      [binary, /not (a )?text|binary/i],
      [path.join(dir, 'nope.txt'), /no such file/],
    ] as const) {
      const r = await tocsin(['rfc2350', 'check', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('    at ');
    }
  });
});
