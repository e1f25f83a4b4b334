// Journey: an anonymous visitor (no name, no e-mail) reports on the public form with a valid file and one
// over the 10 MB limit. The valid file is kept, the form refuses to send while the refused one is listed,
// the receipt counts the file really received and gives the tracking link; the analyst sees "Anonymous".
import fs from 'node:fs';
import { hasChromium, useJourney } from '#tests/helpers/browser';

const journey = useJourney();

describe.skipIf(!hasChromium)('anonymous report with attachments (Chromium)', () => {
  it('keeps the valid file, refuses to send with a file over the limit, and shows the report as anonymous', async () => {
    fs.mkdirSync('.tmp/screenshots', { recursive: true });
    const visitor = await journey.browser.newContext({ locale: 'en-GB' });
    const anon = await visitor.newPage();
    await anon.goto(`${journey.server.url}/report`);
    await anon.getByRole('textbox', { name: 'Summary' }).fill('Defaced website of the media library');
    expect(await anon.getByText(/You may stay anonymous/).count()).toBe(1);
    await anon.getByRole('textbox', { name: 'What happened' }).fill('The home page shows a political message since this morning.');
    await anon.getByRole('textbox', { name: 'Technical elements' }).fill('The defacement came from 10.0.0.5 behind the proxy.');
    await anon.getByLabel('Attachments').setInputFiles([
      { name: 'headers.txt', mimeType: 'text/plain', buffer: Buffer.from('Received: from 185.22.100.23\n') },
      { name: 'capture.pcap', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) },
    ]);
    const chosen = anon.getByRole('list', { name: 'Chosen files' });
    await expect.poll(() => chosen.getByRole('listitem').count()).toBe(2);
    expect(await chosen.getByRole('button', { name: 'Remove headers.txt' }).count()).toBe(1);
    expect(await chosen.getByRole('listitem').filter({ hasText: 'capture.pcap' }).getByText('not sent: over the limit').count()).toBe(1);
    expect(await anon.getByText(/larger than 10 MB \(the limit per file\)/).count()).toBe(1);
    await anon.screenshot({ path: '.tmp/screenshots/anonymous-report-refused-file.png', fullPage: true });

    // Sending is refused while the file over the limit is listed: no receipt, the file input has focus.
    await anon.getByRole('button', { name: 'Send the report' }).click();
    await anon.waitForTimeout(500);
    expect(await anon.getByRole('link', { name: 'Follow this report' }).count()).toBe(0);
    expect(await anon.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('file');

    await anon.getByRole('button', { name: 'Remove capture.pcap' }).click();
    expect(await anon.getByText(/larger than 10 MB/).count()).toBe(0);
    expect(await chosen.getByRole('listitem').count()).toBe(1);
    expect(await chosen.getByRole('button', { name: 'Remove headers.txt' }).count()).toBe(1);
    await anon.getByRole('button', { name: 'Send the report' }).click();
    const follow = anon.getByRole('link', { name: 'Follow this report' });
    await follow.waitFor({ timeout: 15_000 });
    expect(await anon.getByText(/Files received: 1\./).count()).toBe(1);
    const trackingUrl = (await follow.getAttribute('href')) ?? '';
    expect(trackingUrl).toMatch(/\/report\/track\/[A-Za-z0-9_-]{20,}$/);
    const reference =
      (
        await anon
          .getByText(/TOC-\d{4}-\d{6}/)
          .first()
          .textContent()
      )?.match(/TOC-\d{4}-\d{6}/)?.[0] ?? '';
    expect(reference).not.toBe('');
    await anon.screenshot({ path: '.tmp/screenshots/anonymous-report-receipt.png', fullPage: true });

    // The analyst sees the report as anonymous, with its one file.
    const page = await journey.signInAsAdmin();
    await page.goto(`${journey.server.url}/queue`);
    const row = page.getByRole('row', { name: /Defaced website of the media library/ });
    await row.waitFor();
    await row.getByRole('link', { name: reference }).click();
    await expect.poll(() => page.getByText(/Anonymous: the reporter left no name or e-mail/).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'headers.txt' }).count()).toBe(1);
    // A private address is marked as such and matched to no organisation.
    const privateRow = page.getByRole('row', { name: /10\.0\.0\.5/ });
    expect(await privateRow.getByText('private address').count()).toBe(1);
    expect(await privateRow.getByText('None').count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/anonymous-report-page.png', fullPage: true });
    await page.context().close();

    // The tracking link still works.
    await anon.goto(trackingUrl.startsWith('http') ? trackingUrl : `${journey.server.url}${trackingUrl}`);
    await expect.poll(() => anon.getByText(reference).count()).toBeGreaterThan(0);
    await visitor.close();
  });
});
