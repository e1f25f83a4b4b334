// Journey: the home page in both languages. On a fresh server the admin's home shows the first-use
// checklist with nothing done, in English and in French; once a constituent organisation and a duty shift
// exist the checklist ticks them; an urgent report in the queue is listed with its due time, beside who is
// on duty; the admin hides the checklist for the team and brings it back — in real Chromium against a real server.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { hasChromium, useJourney } from '#tests/helpers/browser';
import { JobQueue } from '#server/jobs/queue';
import { systemClock, type Ctx } from '#server/ctx';
import { createOrganisation } from '#server/organisations/organisations.service';
import { createUser } from '#server/users/users.service';
import { createShift } from '#server/duty/duty.service';

const journey = useJourney();
const HOUR = 3_600_000;

const checklist = (page: Page, name: string) => page.getByRole('region', { name });
const step = (page: Page, region: string, label: string) => checklist(page, region).getByRole('listitem').filter({ hasText: label });

async function switchLanguage(page: Page, lang: 'en' | 'fr', check: string) {
  await page.getByRole('button', { name: /User menu|Menu utilisateur/ }).click();
  await page
    .getByRole('banner')
    .getByLabel(/Language|Langue/)
    .selectOption(lang);
  await expect.poll(() => page.getByRole('heading', { name: check }).count()).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
}

describe.skipIf(!hasChromium)('home page journey (Chromium)', () => {
  it('shows the first-use checklist in both languages, ticks set-up steps, and lists an urgent report with its due time and who is on duty', async () => {
    fs.mkdirSync('.tmp/screenshots', { recursive: true });
    const page = await journey.signInAsAdmin();

    // 1. A fresh team: nothing done, mail settings announced as coming with messaging (never ticked).
    const en = 'Set up the team';
    await checklist(page, en).waitFor();
    expect(await checklist(page, en).getByText('To do', { exact: true }).count()).toBe(5);
    expect(await step(page, en, 'Set up mail').getByText('Coming with messaging').count()).toBe(1);
    expect(await step(page, en, 'Add the constituent organisations').getByRole('link').count()).toBe(1);
    expect(await page.getByText('No report is waiting.').count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/home-checklist-en.png', fullPage: true });

    // 2. The same in French.
    const fr = 'Mettre en place l’équipe';
    await switchLanguage(page, 'fr', fr);
    expect(await checklist(page, fr).getByText('À faire', { exact: true }).count()).toBe(5);
    expect(await step(page, fr, 'Configurer la messagerie').getByText('Arrive avec la messagerie').count()).toBe(1);
    expect(await page.getByText('Aucun signalement en attente.').count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/home-checklist-fr.png', fullPage: true });
    await switchLanguage(page, 'en', en);

    // 3. Set-up steps: a constituent organisation and a duty shift covering now.
    const db = journey.server.database.db;
    const ctx: Ctx = {
      db,
      actor: { kind: 'system', label: 'test' },
      jobs: new JobQueue(db),
      clock: systemClock,
      log: pino({ level: 'silent' }),
      origin: {},
    };
    await createOrganisation(ctx, { name: 'Commune de Saint-Paul', kind: 'constituent' });
    const officer = await createUser(ctx, {
      email: 'aline.payet@example.org',
      name: 'Aline Payet',
      role: 'analyst',
      password: 'duty officer passphrase',
    });
    await createShift(ctx, {
      userId: officer.user.id,
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 8 * HOUR).toISOString(),
    });

    // 4. An urgent report arrives through the public form's API.
    const res = await fetch(`${journey.server.url}/api/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Ransomware at the media library',
        description: 'Every screen shows a ransom note.',
        urgent: true,
        reporter: { name: 'Marie Hoarau', email: 'marie.hoarau@example.net' },
      }),
    });
    expect(res.status).toBe(201);

    await page.reload();
    await checklist(page, en).waitFor();
    for (const label of ['Add the constituent organisations', 'Plan who is on duty']) {
      await expect.poll(() => step(page, en, label).getByText('Done', { exact: true }).count()).toBe(1);
    }
    expect(await checklist(page, en).getByText('To do', { exact: true }).count()).toBe(3);
    const reports = page.getByRole('region', { name: 'Reports waiting for triage' });
    const item = reports.getByRole('listitem').filter({ hasText: 'Ransomware at the media library' });
    await item.waitFor();
    expect(await item.getByText('Urgent', { exact: true }).count()).toBe(1);
    const due = item.locator('time');
    expect(Date.parse((await due.getAttribute('datetime')) ?? '')).toBeGreaterThan(Date.now());
    expect(await item.getByText(/^Due/).count()).toBe(1);
    const duty = page.getByRole('region', { name: 'On duty now' });
    expect(await duty.getByText('Aline Payet').count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/home-work-en.png', fullPage: true });

    // 5. The same work in French, with the due time in French.
    await switchLanguage(page, 'fr', fr);
    const rapports = page.getByRole('region', { name: 'Signalements à trier' });
    const frItem = rapports.getByRole('listitem').filter({ hasText: 'Ransomware at the media library' });
    expect(await frItem.getByText(/^Échéance/).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'D’astreinte maintenant' }).getByText('Aline Payet').count()).toBe(1);
    expect(await step(page, fr, 'Ajouter les organisations bénéficiaires').getByText('Fait', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/home-work-fr.png', fullPage: true });

    // 6. The admin hides the unfinished checklist for the team (in French); it stays hidden after a reload,
    // and comes back on request.
    await checklist(page, fr).getByRole('button', { name: 'Masquer pour l’équipe' }).click();
    const show = page.getByRole('button', { name: 'Afficher la liste de mise en place' });
    await show.waitFor();
    expect(await checklist(page, fr).count()).toBe(0);
    await page.reload();
    await show.waitFor();
    expect(await checklist(page, fr).count()).toBe(0);
    await show.click();
    await checklist(page, fr).waitFor();
    expect(await show.count()).toBe(0);
    await page.context().close();
  });
});
