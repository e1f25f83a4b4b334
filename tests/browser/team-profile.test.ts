// Journey: a lead (here the admin) fills the team profile in the UI, generates the team key, publishes;
// an anonymous visitor then opens /rfc2350 and /.well-known/security.txt, and real GnuPG verifies the
// published signature — in real Chromium against a real server.
import fs from 'node:fs';
import { hasChromium, useJourney } from '#tests/helpers/browser';
import { gpgHome, hasGpg } from '#tests/helpers/gpg';

const journey = useJourney();

describe.skipIf(!hasChromium)('team profile journey (Chromium)', () => {
  it('fills the profile, generates the key, publishes, and the public pages verify', async () => {
    fs.mkdirSync('.tmp/screenshots', { recursive: true });
    const page = await journey.signInAsAdmin();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Team profile' }).click();

    await page.getByRole('textbox', { name: 'Full team name' }).fill('CERT Océan Indien');
    await page.getByRole('textbox', { name: 'Short name' }).fill('CERT-OI');
    await page.getByRole('textbox', { name: 'Team e-mail' }).fill('cert@cert-oi.example');
    await page.getByRole('textbox', { name: 'Telephone' }).fill('+262 262 00 11 22');
    await page.getByRole('textbox', { name: 'Time zone', exact: true }).fill('Indian/Reunion');
    await page.getByRole('textbox', { name: 'Date of last update' }).fill('2026-11-20');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.getByText(/Version 1\b/).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Generate team key' }).click();
    const gen = page.getByRole('dialog');
    await gen.getByRole('button', { name: 'Generate' }).click();
    const generated = page.getByRole('dialog', { name: 'Team key generated' });
    await expect.poll(() => generated.count(), { timeout: 20_000 }).toBe(1);
    await generated.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.getByRole('link', { name: /security\.txt/ }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: '.tmp/screenshots/team-profile.png', fullPage: true });
    await page.context().close();

    // An anonymous visitor.
    const visitor = await journey.browser.newContext();
    const anon = await visitor.newPage();
    const html = await anon.goto(`${journey.server.url}/rfc2350`);
    expect(html?.status()).toBe(200);
    await expect.poll(() => anon.getByRole('heading', { name: /CERT Océan Indien \(CERT-OI\)/ }).count()).toBe(1);
    expect(await anon.getByText('TLP:CLEAR').count()).toBeGreaterThan(0);
    await anon.screenshot({ path: '.tmp/screenshots/rfc2350-public.png', fullPage: true });
    const sec = await anon.goto(`${journey.server.url}/.well-known/security.txt`);
    const secText = (await sec?.text()) ?? '';
    expect(secText).toContain('Contact: mailto:cert@cert-oi.example');
    expect(secText).toMatch(/^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    expect(secText).toContain('-----BEGIN PGP SIGNATURE-----');
    const txt = (await (await anon.goto(`${journey.server.url}/rfc2350.txt`))?.text()) ?? '';
    const asc = await (await fetch(`${journey.server.url}/rfc2350.txt.asc`)).text();
    const key = await (await fetch(`${journey.server.url}/pgp-key.asc`)).text();
    await visitor.close();

    if (!hasGpg) return;
    const g = await gpgHome();
    try {
      expect((await g.gpg('--import', await g.write('key.asc', key))).code).toBe(0);
      const sig = await g.write('rfc2350.txt.asc', asc);
      expect((await g.gpg('--verify', sig, await g.write('rfc2350.txt', txt))).code).toBe(0);
      expect((await g.gpg('--verify', sig, await g.write('edited.txt', txt.replace('CERT-OI', 'CERT-OJ')))).code).not.toBe(0);
      expect((await g.gpg('--verify', await g.write('security.txt', secText))).code).toBe(0);
    } finally {
      await g.dispose();
    }
  });
});
