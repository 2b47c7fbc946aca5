import { expect, test } from '@playwright/test';

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test('sign up, create a project, invite, write the brief and read its history', async ({
	page
}) => {
	const id = unique();
	await page.goto('/');
	await page.getByRole('link', { name: 'Create an account' }).click();
	await page.getByLabel('Your name').fill('Erin Engineer');
	await page.getByLabel('E-mail').fill(`erin-${id}@example.test`);
	await page.getByLabel('Password').fill('correct horse battery');
	await page.getByRole('button', { name: 'Create account' }).click();

	await expect(page.getByRole('heading', { name: 'Start your first project' })).toBeVisible();
	await page.getByLabel('Title').fill('Night Drive EP');
	await page.getByLabel('Artist').fill('The Headlights');
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page.getByRole('heading', { name: 'Night Drive EP' })).toBeVisible();
	await expect(page.getByText('No songs yet')).toBeVisible();

	await page.getByLabel('Song title').fill('Tail Lights');
	await page.getByRole('button', { name: 'Add song' }).click();
	await expect(page.getByRole('link', { name: /Tail Lights/ })).toBeVisible();

	await page.getByRole('link', { name: 'People', exact: true }).click();
	await page.getByLabel('E-mail').fill(`artist-${id}@example.test`);
	await page.getByLabel('Invite as').selectOption('artist');
	await page.getByRole('button', { name: 'Invite' }).click();
	await expect(page.getByRole('status')).toContainText('is invited');
	await expect(page.getByText(`artist-${id}@example.test`).first()).toBeVisible();

	await page.getByRole('link', { name: 'Brief', exact: true }).click();
	await page
		.getByLabel('Vision', { exact: true })
		.fill('A late-night drive: intimate vocal, wide synths.');
	await page.getByLabel('Desired tone').fill('warm and organic');
	await page.getByRole('button', { name: 'Add key element' }).click();
	await page.getByLabel('Key element 1', { exact: true }).fill('Lead vocal upfront');
	await page.getByLabel('Revision rounds included').fill('3');
	await page.getByRole('button', { name: 'Save as new revision' }).click();
	await expect(page.getByText('Saved revision 1')).toBeVisible();

	await page.getByLabel('Desired tone').fill('modern and wide');
	await page.keyboard.press('Control+s');
	await expect(page.getByText('Saved revision 2')).toBeVisible();

	await page.getByRole('link', { name: /History/ }).click();
	await expect(page.getByRole('heading', { name: 'Revision 2' })).toBeVisible();
	const rev2 = page.getByRole('listitem').filter({ hasText: 'Revision 2' });
	await expect(rev2.locator('del')).toHaveText(['warm', 'organic']);
	await expect(rev2.locator('ins')).toHaveText(['modern', 'wide']);
	await page.screenshot({ path: 'test-results/screens/brief-history.png', fullPage: true });
});

test('an invited artist sees the project after signing up', async ({ browser }) => {
	const id = unique();
	const owner = await browser.newContext();
	const o = await owner.newPage();
	await o.goto('/register');
	await o.getByLabel('Your name').fill('Olive Owner');
	await o.getByLabel('E-mail').fill(`olive-${id}@example.test`);
	await o.getByLabel('Password').fill('correct horse battery');
	await o.getByRole('button', { name: 'Create account' }).click();
	await o.getByLabel('Title').fill('Invite Test');
	await o.getByRole('button', { name: 'Create project' }).click();
	await o.getByRole('link', { name: 'People', exact: true }).click();
	await o.getByLabel('E-mail').fill(`amy-${id}@example.test`);
	await o.getByRole('button', { name: 'Invite' }).click();
	await expect(o.getByRole('status')).toContainText('is invited');

	const artist = await browser.newContext({ viewport: { width: 375, height: 740 } });
	const a = await artist.newPage();
	await a.goto('/register');
	await a.getByLabel('Your name').fill('Amy Artist');
	await a.getByLabel('E-mail').fill(`amy-${id}@example.test`);
	await a.getByLabel('Password').fill('correct horse battery');
	await a.getByRole('button', { name: 'Create account' }).click();
	await expect(a.getByRole('link', { name: /Invite Test/ })).toBeVisible();
	await a.getByRole('link', { name: /Invite Test/ }).click();
	await expect(a.getByText('The engineer or owner adds songs')).toBeVisible();
	await a.screenshot({ path: 'test-results/screens/project-phone.png', fullPage: true });

	// Removing her takes effect at once: the next load is a 404, not a stale page.
	await o.reload();
	await o.getByRole('button', { name: 'Remove Amy Artist' }).click();
	await expect(o.getByRole('button', { name: 'Remove Amy Artist' })).toHaveCount(0);
	const res = await a.reload();
	expect(res?.status()).toBe(404);
	await owner.close();
	await artist.close();
});
