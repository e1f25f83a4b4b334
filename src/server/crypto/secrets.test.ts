import { randomBytes } from 'node:crypto';
import { generatePassword, openSecret, sealSecret } from './secrets';

describe('sealed secrets', () => {
  const key = randomBytes(32);

  it('round-trips, and never shows the secret in the sealed form', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', key);
    expect(sealed).toMatch(/^v1:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(sealed, key)).toBe('JBSWY3DPEHPK3PXP');
    expect(sealSecret('JBSWY3DPEHPK3PXP', key)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses another key, an altered text and a plain value', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', key);
    expect(openSecret(sealed, randomBytes(32))).toBeNull();
    const [version, iv, body] = sealed.split(':');
    const bytes = Buffer.from(body ?? '', 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 1; // one bit of the ciphertext
    expect(openSecret(`${version}:${iv}:${bytes.toString('base64url')}`, key)).toBeNull();
    expect(openSecret('JBSWY3DPEHPK3PXP', key)).toBeNull();
  });
});

describe('generatePassword', () => {
  it('draws 20 characters from the unambiguous alphabet', () => {
    for (let i = 0; i < 50; i++) expect(generatePassword()).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
  });
});
