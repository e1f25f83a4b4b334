// Journey: unsaved edits are never lost silently. In the team profile editor, a typed change or an import's
// pre-fill makes leaving through the navigation ask first: "Stay" keeps the edit, "Leave" goes. Saving clears
// the prompt. The navigation bar holds on one line at 1400 px for an admin in French, a menu when narrow — in real Chromium.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { hasChromium, useJourney } from '#tests/helpers/browser';

const journey = useJourney();
const appendix = fs.readFileSync('tests/fixtures/rfc2350/example-xyz-cert-rfc2350-appendix-e.txt', 'utf8');

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
const prompt = (page: Page) => page.getByRole('dialog', { name: 'Leave without saving?' });
const path = (page: Page) => new URL(page.url()).pathname;

async function openProfile(page: Page) {
  await nav(page).getByRole('link', { name: 'Team profile' }).click();
  await page.getByRole('textbox', { name: 'Full team name' }).waitFor();
}

describe.skipIf(!hasChromium)('unsaved changes journey (Chromium)', () => {
  it('asks before leaving an edited profile: staying keeps the edit, leaving goes; after a save it does not ask', async () => {
    fs.mkdirSync('.tmp/screenshots', { recursive: true });
    const page = await journey.signInAsAdmin();
    await openProfile(page);
    const name = page.getByRole('textbox', { name: 'Full team name' });
    await name.fill('CERT Océan Indien');

    await nav(page).getByRole('link', { name: 'Audit log' }).click();
    await prompt(page).waitFor();
    await page.screenshot({ path: '.tmp/screenshots/unsaved-changes.png' });
    await prompt(page).getByRole('button', { name: 'Stay on this page' }).click();
    await expect.poll(() => prompt(page).count()).toBe(0);
    expect(path(page)).toBe('/team/profile');
    expect(await name.inputValue()).toBe('CERT Océan Indien');

    // The browser's own prompt for a reload or a closed tab.
    let nativePrompt = '';
    page.once('dialog', (dialog) => {
      nativePrompt = dialog.type();
      void dialog.dismiss();
    });
    await page.reload({ timeout: 3_000 }).catch(() => undefined); // dismissing the beforeunload prompt cancels the reload
    await expect.poll(() => nativePrompt).toBe('beforeunload');
    expect(await name.inputValue()).toBe('CERT Océan Indien');

    await nav(page).getByRole('link', { name: 'Audit log' }).click();
    await prompt(page).getByRole('button', { name: 'Leave and discard changes' }).click();
    await expect.poll(() => path(page)).toBe('/audit');

    // Saved edits leave freely.
    await openProfile(page);
    expect(await page.getByRole('textbox', { name: 'Full team name' }).inputValue()).toBe('');
    await page.getByRole('textbox', { name: 'Full team name' }).fill('CERT Océan Indien');
    await page.getByRole('textbox', { name: 'Short name' }).fill('CERT-OI');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.getByText(/Version 1\b/).count()).toBeGreaterThan(0);
    await nav(page).getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => path(page)).toBe('/');
    expect(await prompt(page).count()).toBe(0);
    await page.context().close();
  });

  it('asks before leaving after an import pre-filled the form without saving', async () => {
    const page = await journey.signInAsAdmin();
    await openProfile(page);
    await page.getByRole('button', { name: 'Import an existing RFC 2350 document' }).click();
    await page.getByRole('textbox', { name: 'Document text' }).fill(appendix);
    await page.getByRole('button', { name: 'Check the document' }).click();
    await page.getByRole('button', { name: 'Use this to pre-fill the form' }).click();
    await page.getByText('The imported values are in the form.').waitFor();

    await nav(page).getByRole('link', { name: 'Home' }).click();
    await prompt(page).waitFor();
    await prompt(page).getByRole('button', { name: 'Stay on this page' }).click();
    expect(path(page)).toBe('/team/profile');
    await nav(page).getByRole('link', { name: 'Home' }).click();
    await prompt(page).getByRole('button', { name: 'Leave and discard changes' }).click();
    await expect.poll(() => path(page)).toBe('/');
    await page.context().close();
  });

  it('keeps the navigation on one line at 1400 px for an admin in French, and folds it into a menu when narrow', async () => {
    const page = await journey.signInAsAdmin();
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    const navigation = page.getByRole('navigation', { name: 'Navigation principale' });
    await navigation.getByRole('link', { name: 'Journal d’audit' }).waitFor();
    await page.setViewportSize({ width: 1400, height: 900 });
    const links = navigation.getByRole('link');
    expect(await links.count()).toBe(10);
    const tops = await links.evaluateAll((all) => all.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    const [nav, link] = [await navigation.boundingBox(), await links.first().boundingBox()];
    expect(nav?.height).toBeLessThan((link?.height ?? 0) * 1.5);
    // Nothing hides behind the tools on the right.
    const overlap = await page.evaluate(() => {
      const last = [...document.querySelectorAll('nav a')].at(-1)?.getBoundingClientRect().right ?? 0;
      return last > (document.querySelector('.header-tools')?.getBoundingClientRect().left ?? 0);
    });
    expect(overlap).toBe(false);
    await page.screenshot({ path: '.tmp/screenshots/navigation-fr-1400.png' });

    await page.setViewportSize({ width: 900, height: 700 });
    const menu = navigation.getByRole('button', { name: 'Menu' });
    expect(await links.first().isVisible()).toBe(false);
    await menu.click();
    await navigation.getByRole('link', { name: 'Journal d’audit' }).click();
    await expect.poll(() => path(page)).toBe('/audit');
    expect(await links.first().isVisible()).toBe(false);
    await page.context().close();
  });
});
