// Journey: a repeating duty rota, from creation to change. The admin creates a weekday rota, edits it (another
// end time, a second slot), cancels one coming occurrence and undoes that change — in real Chromium against
// a real server, the rota's validation messages read in French.
import { hasChromium, useJourney } from '#tests/helpers/browser';

const journey = useJourney();

describe.skipIf(!hasChromium)('duty rota journey (Chromium)', () => {
  it('creates, edits and changes a rota, then undoes the change; the form speaks French', async () => {
    const page = await journey.signInAsAdmin();
    await page.goto(`${journey.server.url}/duty`);
    await page.getByRole('heading', { name: 'Repeating rotas' }).waitFor();

    // 1. Create: office hours on weekdays, the admin on duty.
    await page.getByRole('button', { name: 'Add rota' }).click();
    const create = page.getByRole('dialog', { name: 'Add rota' });
    await create.getByRole('textbox', { name: 'Name' }).fill('Office hours');
    await create.getByRole('button', { name: 'Create the rota' }).click();
    await create.waitFor({ state: 'detached' });
    const rotas = page.getByRole('table', { name: 'Repeating rotas' });
    await rotas.getByText(/09:00–17:00/).waitFor();

    // 2. Edit: the end moves to 19:00 and a weekend slot is added.
    await rotas.getByRole('button', { name: /Edit rota/ }).click();
    const edit = page.getByRole('dialog', { name: 'Edit the rota Office hours' });
    await edit.getByLabel('Ends at').first().fill('19:00');
    await edit.getByRole('button', { name: 'Add a slot' }).click();
    const second = edit.getByRole('group', { name: 'Slot 2' });
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await second.getByLabel(day).uncheck();
    await second.getByLabel('Sat').check();
    await edit.getByRole('button', { name: 'Save the rota' }).click();
    await edit.waitFor({ state: 'detached' });
    await rotas.getByText(/09:00–19:00/).waitFor();
    expect(await rotas.getByText(/Sat 09:00–17:00/).count()).toBe(1);

    // 3. Cancel the first coming occurrence, then undo it from the list of changed occurrences.
    await page
      .getByRole('region', { name: 'Coming weeks' })
      .getByRole('button', { name: /^Change/ })
      .first()
      .click();
    const change = page.getByRole('dialog', { name: 'Change this occurrence' });
    await change.getByLabel('Taken by').selectOption({ label: 'Cancelled (nobody from this rota)' });
    await change.getByRole('button', { name: 'Save the change' }).click();
    const changed = page.getByRole('region', { name: 'Changed occurrences' });
    await changed.getByText('Cancelled', { exact: true }).waitFor();
    await changed.getByRole('button', { name: /Undo the change/ }).click();
    await changed.waitFor({ state: 'detached' });

    // 4. In French, an empty name and no day are refused with French messages, nothing sent.
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('banner').getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Roulements', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Modifier le roulement/ }).click();
    const frEdit = page.getByRole('dialog', { name: 'Modifier le roulement Office hours' });
    await frEdit.getByRole('textbox', { name: 'Nom' }).fill('');
    for (const day of ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.'])
      await frEdit.getByRole('group', { name: 'Créneau 1' }).getByLabel(day).uncheck();
    await frEdit.getByRole('button', { name: 'Enregistrer le roulement' }).click();
    await frEdit.getByText('Obligatoire.').waitFor();
    expect(await frEdit.getByText('Choisissez au moins un jour.').count()).toBe(1);
    await page.screenshot({ path: '.tmp/screenshots/duty-rota-fr.png' });
    await page.context().close();
  });
});
