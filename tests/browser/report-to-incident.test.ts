// Journey: an anonymous visitor reports on the public form; the analyst finds it in the queue with its
// observables and the right constituent suggested, turns it into a P2 incident in two clicks; the
// constituent's user sees the incident in the portal, and the reporter's tracking link shows the status.
import fs from 'node:fs';
import { pino } from 'pino';
import { hasChromium, useJourney } from '#tests/helpers/browser';
import { JobQueue } from '#server/jobs/queue';
import { systemClock, type Ctx } from '#server/ctx';
import { addAsset, createOrganisation } from '#server/organisations/organisations.service';
import { createUser } from '#server/users/users.service';

const journey = useJourney();

describe.skipIf(!hasChromium)('report → triage → incident → portal (Chromium)', () => {
  it('runs the core loop end to end', async () => {
    fs.mkdirSync('.tmp/screenshots', { recursive: true });
    const db = journey.server.database.db;
    const ctx: Ctx = {
      db,
      actor: { kind: 'system', label: 'test' },
      jobs: new JobQueue(db),
      clock: systemClock,
      log: pino({ level: 'silent' }),
      origin: {},
    };
    const org = await createOrganisation(ctx, {
      name: 'Commune de Saint-Pierre',
      kind: 'constituent',
      criticality: 'vital',
      services: ['coordination', 'resolution'],
    });
    await addAsset(ctx, org.id, { kind: 'domain', value: 'saint-pierre.example' });
    await addAsset(ctx, org.id, { kind: 'cidr', value: '185.22.100.0/24' });
    await createOrganisation(ctx, { name: 'Commune du Tampon', kind: 'constituent', criticality: 'high' });
    await createUser(ctx, {
      email: 'rssi@saint-pierre.example',
      name: 'RSSI Saint-Pierre',
      role: 'constituent',
      organisationId: org.id,
      password: 'constituent passphrase',
    });

    // 1. An anonymous visitor reports.
    const visitor = await journey.browser.newContext({ locale: 'en-GB' });
    const anon = await visitor.newPage();
    await anon.goto(`${journey.server.url}/report`);
    await anon.getByRole('textbox', { name: 'Your name' }).fill('Marie Hoarau');
    await anon.getByRole('textbox', { name: 'Your e-mail' }).fill('marie.hoarau@example.net');
    await anon.getByRole('textbox', { name: 'Summary' }).fill('Phishing page imitating the town webmail');
    await anon.getByRole('textbox', { name: 'What happened' }).fill('Several colleagues received a mail asking them to sign in.');
    await anon
      .getByRole('textbox', { name: 'Technical elements' })
      .fill('Link: hxxps://mail.saint-pierre[.]example/owa/login\nThe page posts to 185.22.100.23');
    await anon.screenshot({ path: '.tmp/screenshots/public-report.png', fullPage: true });
    await anon.getByRole('button', { name: 'Send the report' }).click();
    const follow = anon.getByRole('link', { name: 'Follow this report' });
    await follow.waitFor({ timeout: 15_000 });
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

    // 2. The analyst finds it in the queue, with its observables and the suggested constituent.
    const page = await journey.signInAsAdmin();
    await page.goto(`${journey.server.url}/queue`);
    const row = page.getByRole('row', { name: /Phishing page imitating the town webmail/ });
    await row.waitFor();
    expect(await row.getByText('Commune de Saint-Pierre').count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/queue.png', fullPage: true });
    await row.getByRole('link', { name: reference }).click();
    await expect.poll(() => page.getByText('185.22.100.23').count()).toBeGreaterThan(0);
    expect(await page.getByText('mail.saint-pierre.example').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Commune de Saint-Pierre' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: '.tmp/screenshots/report-page.png', fullPage: true });

    // 3. Two clicks: Create incident, Confirm.
    await page.getByRole('button', { name: 'Create incident' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await expect.poll(() => page.getByText('P2', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(/Phishing/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: '.tmp/screenshots/incident-page.png', fullPage: true });
    const incidentRef =
      (
        await page
          .getByText(/TOC-INC-\d{4}-\d{6}/)
          .first()
          .textContent()
      )?.match(/TOC-INC-\d{4}-\d{6}/)?.[0] ?? '';
    expect(incidentRef).not.toBe('');
    await page.context().close();

    // 4. The constituent's user sees the incident in the portal.
    const portalContext = await journey.browser.newContext({ locale: 'en-GB' });
    const portal = await portalContext.newPage();
    await portal.goto(`${journey.server.url}/login`);
    await portal.getByLabel('E-mail').fill('rssi@saint-pierre.example');
    await portal.getByLabel('Password').fill('constituent passphrase');
    await portal.getByRole('button', { name: 'Sign in' }).click();
    await portal.waitForURL(/\/portal/);
    await expect.poll(() => portal.getByText(incidentRef).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await portal.screenshot({ path: '.tmp/screenshots/portal.png', fullPage: true });
    await portalContext.close();

    // 5. The reporter's tracking link shows the status, and nothing more.
    await anon.goto(trackingUrl.startsWith('http') ? trackingUrl : `${journey.server.url}${trackingUrl}`);
    await expect.poll(() => anon.getByText('Under review').count()).toBeGreaterThan(0);
    expect(await anon.getByText(reference).count()).toBeGreaterThan(0);
    expect(await anon.getByText('185.22.100.23').count()).toBe(0);
    await anon.screenshot({ path: '.tmp/screenshots/tracking.png', fullPage: true });
    await visitor.close();
  });
});
