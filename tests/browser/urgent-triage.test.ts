// Journey: an urgent report about a vital constituent becomes a P1 incident. The analyst opens the report;
// the triage panel proposes P1 and shows why (each input and what it adds); two clicks create the incident,
// which shows P1, its urgency and a first-action clock that counts 24/7.
import fs from 'node:fs';
import { pino } from 'pino';
import { hasChromium, useJourney } from '#tests/helpers/browser';
import { JobQueue } from '#server/jobs/queue';
import { systemClock, type Ctx } from '#server/ctx';
import { addAsset, createOrganisation } from '#server/organisations/organisations.service';

const journey = useJourney();

describe.skipIf(!hasChromium)('urgent report → P1-proposed incident (Chromium)', () => {
  it('proposes P1 with its reasons and creates a 24/7 P1 incident in two clicks', async () => {
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
      name: 'Centre hospitalier Sud',
      kind: 'constituent',
      criticality: 'vital',
      services: ['coordination'],
    });
    await addAsset(ctx, org.id, { kind: 'domain', value: 'chu-sud.example' });

    // An urgent report through the public API, naming one system of the hospital.
    const res = await fetch(`${journey.server.url}/api/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Patient records server acting strangely',
        description: 'Files disappear from the shared drive since this morning.',
        evidence: 'Server: records.chu-sud.example',
        urgent: true,
        reporter: { name: 'Paul Técher', email: 'paul.techer@example.net' },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    // The analyst opens it; the triage panel proposes P1 and says why.
    const page = await journey.signInAsAdmin();
    await page.goto(`${journey.server.url}/reports/${id}`);
    await page.getByRole('button', { name: 'Create incident' }).click();
    const form = page.getByRole('form', { name: 'New incident' });
    const why = form.getByRole('list', { name: 'Why this score' });
    await why.waitFor();
    expect(await form.locator('.criticality-preview').getByText('P1', { exact: true }).count()).toBe(1);
    expect(await form.locator('.criticality-score').textContent()).toContain('68');
    for (const line of ['Impact: High ×0.75', 'Extent: Single +0.00', 'Constituent: Vital +0.30', 'Urgency: Urgent +0.20', 'Base +0.40']) {
      expect(await why.getByText(line, { exact: false }).count(), line).toBe(1);
    }
    const proposal = form.getByRole('list', { name: 'Why this proposal' });
    expect(await proposal.getByText('The reporter marked the report urgent', { exact: false }).count()).toBe(1);
    expect(await form.getByRole('checkbox', { name: 'Urgent' }).isChecked()).toBe(true);
    await page.screenshot({ path: '.tmp/screenshots/urgent-triage.png', fullPage: true });

    // Two clicks: Create incident (above), Confirm.
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const summary = page.getByRole('region', { name: 'Incident facts' });
    await expect.poll(() => page.getByRole('heading', { name: 'Patient records server acting strangely' }).count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/urgent-incident.png', fullPage: true });
    await expect.poll(() => page.locator('.record-meta').getByText('P1', { exact: true }).count()).toBe(1);
    expect(await page.locator('.record-meta').getByText('Urgent', { exact: true }).count()).toBe(1);
    expect(await summary.getByText('Urgency: Urgent +0.20', { exact: false }).count()).toBe(1);
    const clock = page.getByRole('row', { name: /First action/ });
    expect(await clock.getByText('24/7', { exact: true }).count()).toBe(1);
    await page.context().close();
  });
});
