// Journey: an admin signs in, turns on two-factor authentication, signs in again with a TOTP code,
// creates a user, and switches the interface to French — in real Chromium against a real server.
import fs from 'node:fs';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { ADMIN, hasChromium, useJourney } from '#tests/helpers/browser';

const journey = useJourney();

async function signIn(page: Page, password = ADMIN.password) {
  await page.goto(`${journey.server.url}/`);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(!hasChromium)('foundation journey (Chromium)', () => {
  it('signs in with TOTP, creates a user and switches to French', async () => {
    const context = await journey.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    fs.mkdirSync('.tmp/screenshots', { recursive: true });

    // 1. First sign-in with the password alone, then enrol a second factor on the account page.
    await signIn(page);
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('link', { name: 'My account', exact: true }).click();
    await page.waitForURL(/\/account$/);
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const secret = (await page.locator('code.totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Verification code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Enable two-factor authentication' }).click();
    await expect.poll(() => page.getByText(/enabled/i).count()).toBeGreaterThan(0);
    await page.screenshot({ path: '.tmp/screenshots/account-totp.png', fullPage: true });

    // 2. Sign out; signing in again now asks for the one-time code.
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await signIn(page);
    // The enrolment used this 30 s step's code and a code is accepted once: the next step's code, as a person
    // waiting for a fresh one would type (the server tolerates ±30 s of drift).
    await page.getByLabel('One-time code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.screenshot({ path: '.tmp/screenshots/login-totp.png' });
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();

    // 3. Create a user; the generated password is shown once.
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create user' });
    await dialog.getByLabel('E-mail').fill('duty.officer@example.org');
    await dialog.getByLabel('Name').fill('Duty Officer');
    await dialog.getByLabel('Role').selectOption('analyst');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    const created = page.getByRole('dialog', { name: 'User created' });
    const initial = await created.getByLabel('Initial password').inputValue();
    expect(initial).toMatch(/^[A-Za-z0-9]{20}$/);
    await created.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByRole('row', { name: /duty\.officer@example\.org/ }).count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/users.png', fullPage: true });

    // 4. Switch the interface to French; it sticks after a reload (saved on the account).
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('banner').getByLabel('Language').selectOption('fr');
    await expect
      .poll(() =>
        page
          .getByRole('navigation', { name: /navigation/i })
          .getByRole('link', { name: 'Utilisateurs' })
          .count(),
      )
      .toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('columnheader', { name: /Adresse e-mail|E-mail|Courriel/ }).count()).toBeGreaterThan(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.screenshot({ path: '.tmp/screenshots/users-fr.png', fullPage: true });

    // The new user can sign in with the password shown once.
    const other = await journey.browser.newContext();
    const p2 = await other.newPage();
    await p2.goto(`${journey.server.url}/login`);
    await p2.getByLabel(/E-mail|Adresse e-mail/).fill('duty.officer@example.org');
    await p2.getByLabel(/Password|Mot de passe/).fill(initial);
    await p2.getByRole('button', { name: /Sign in|Se connecter/ }).click();
    await expect.poll(() => p2.getByRole('button', { name: /User menu|Menu/ }).count()).toBe(1);
    await other.close();
    await context.close();
  });
});
