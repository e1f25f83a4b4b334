// Journey: a constituent's SOC mails the team. The message arrives over SMTP (swaks, a real client), opens an urgent
// report; the analyst finds it in the Mailbox, opens the report and reads the message in its Messages section. A
// broken encrypted message waits in quarantine with its reason and can be processed again. French labels too.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { hasChromium, useJourney } from '#tests/helpers/browser';

const hasSwaks = await new Promise<boolean>((resolve) => execFile('swaks', ['--version'], (err) => resolve(!err)));
if (!hasSwaks && process.env.CI) throw new Error('swaks not found but CI is set: apt-get install -y swaks');

const TEAM = 'csirt@team.example';
const journey = useJourney({ TOCSIN_SMTP_PORT: '0', TOCSIN_SMTP_HOST: '127.0.0.1', TOCSIN_SMTP_RECIPIENTS: TEAM });

function send(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'swaks',
      ['--server', `127.0.0.1:${port}`, '--to', TEAM, '--from', 'soc@ville.example', '--data', '-'],
      (err, out) => (err ? reject(new Error(out)) : resolve(out)),
    );
    child.stdin?.end(raw.replace(/\r?\n/g, '\r\n'));
  });
}

describe.skipIf(!hasChromium || !hasSwaks)('mail in → report (Chromium)', () => {
  it('shows the message in the Mailbox and on the report it opened; a quarantined one can be processed again', async () => {
    fs.mkdirSync('.tmp/screenshots', { recursive: true });
    const port = journey.server.smtpPort ?? 0;
    expect(port).toBeGreaterThan(0);
    await send(
      port,
      'From: SOC Ville <soc@ville.example>\nTo: csirt@team.example\nSubject: [URGENT] Ransomware on the town hall file server\nMessage-ID: <m1@ville.example>\n\nEncryption started at 06:10. C2 seen: 185.22.8.45\n',
    );
    await send(
      port,
      'From: Someone <someone@elsewhere.example>\nTo: csirt@team.example\nSubject: Encrypted details\nMessage-ID: <m2@elsewhere.example>\nMIME-Version: 1.0\nContent-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="q"\n\n--q\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--q\nContent-Type: application/octet-stream\n\n-----BEGIN PGP MESSAGE-----\n\nhQEMA5truncated\n-----END PGP MESSAGE-----\n--q--\n',
    );

    const page = await journey.signInAsAdmin();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Mailbox' }).click();
    const table = page.getByRole('table', { name: 'All' });
    const urgent = table.getByRole('row').filter({ hasText: 'Ransomware on the town hall file server' });
    // Processing follows the 250 by a moment: the page shows it once done (reload until then).
    for (let i = 0; i < 20 && (await urgent.getByText('Processed').count()) === 0; i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    await urgent.getByText('Processed').waitFor();
    const broken = table.getByRole('row').filter({ hasText: 'Encrypted details' });
    await broken.getByText('Quarantined').waitFor();
    expect(await broken.getByText('cannot be decrypted').count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/mailbox.png', fullPage: true });

    await page.getByRole('button', { name: 'Quarantined' }).click();
    const quarantine = page.getByRole('table', { name: 'Quarantined' });
    await quarantine.getByRole('row').filter({ hasText: 'Encrypted details' }).getByRole('button', { name: 'Process again' }).click();
    await quarantine.getByRole('row').filter({ hasText: 'Encrypted details' }).getByText('Quarantined').waitFor();

    await page.getByRole('button', { name: 'All' }).click();
    await page
      .getByRole('table', { name: 'All' })
      .getByRole('row')
      .filter({ hasText: 'Ransomware' })
      .getByRole('link', { name: 'Open the report' })
      .click();
    await page.getByRole('heading', { name: '[URGENT] Ransomware on the town hall file server' }).waitFor();
    expect(await page.getByText('Urgent', { exact: true }).count()).toBeGreaterThan(0);
    const messages = page.getByRole('table', { name: 'Messages of this report, oldest first' });
    await messages.getByText('[URGENT] Ransomware on the town hall file server').click();
    await messages.getByText('Encryption started at 06:10.', { exact: false }).waitFor();
    await page.screenshot({ path: '.tmp/screenshots/mailbox-report.png', fullPage: true });

    // The same page in French (the language is kept on the account: back to English after).
    await page.goto(`${journey.server.url}/mailbox?view=quarantined`);
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('banner').getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Messagerie' }).waitFor();
    expect(await page.getByText('impossible à déchiffrer').count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: '.tmp/screenshots/mailbox-fr.png', fullPage: true });
    await page.getByRole('button', { name: /Menu utilisateur/ }).click();
    await page.getByRole('banner').getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Mailbox' }).waitFor();
  });
});
