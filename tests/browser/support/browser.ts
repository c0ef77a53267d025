import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** The flags of STACK.md for Debian's chromium on these machines. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches Debian's chromium. Playwright gives every launch a fresh, temporary user-data-dir of
 * its own (it refuses a --user-data-dir flag in `launch`), deleted on close; every test then opens
 * its own browser context, so no cookie or storage crosses tests.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
}

export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * Opens a path and waits until the page is ready: the DSFR script started and the main heading
 * is shown (the loading messages are role="status" paragraphs, awaited by the callers).
 */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('html[data-fr-js="true"]').waitFor({ state: 'attached' });
  await page.locator('main h1').first().waitFor();
}

/**
 * Waits until the main heading reads `text` exactly. After a client-side navigation the URL
 * changes before React renders the new page: wait on the heading, not on the URL alone.
 */
export async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.locator('main h1').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) }).waitFor();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until no loading message is shown in the main content. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main [role="status"]').waitFor({ state: 'detached' });
}

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

/** Runs axe on the page; returns the violations of impact serious or critical. */
export async function seriousA11yViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** A unique e-mail address for an account created by a test. */
export function freshEmail(prefix = 'usager'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.fr`;
}

/**
 * The hooks every browser spec needs: one Chromium for the file, a fresh context (cookies) and page
 * for each test, handed to `use`, closed after it.
 */
export function pagePerTest(baseUrl: string, use: (opened: { context: BrowserContext; page: Page }) => void): void {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (browser === undefined) throw new Error('Chromium did not start');
    context = await newContext(browser, baseUrl);
    use({ context, page: await context.newPage() });
  });
  afterEach(async () => {
    await context?.close();
  });
}
