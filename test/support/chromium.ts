/** Headless Chromium for the page tests: Debian's /usr/bin/chromium through playwright-core, never a download. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Launches it with the flags every test uses (no sandbox, GPU, QUIC, first-run or background traffic). */
export async function launchChromium(): Promise<Browser> {
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: apt-get install chromium (the CI script installs it)`,
  );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Every page of `context` starts signed in with `key` (kept where the web app keeps it: this tab's session). */
export async function signInWith(context: BrowserContext, key: string | undefined): Promise<BrowserContext> {
  if (key) await context.addInitScript(`sessionStorage.setItem('profai.apiKey', ${JSON.stringify(key)})`);
  return context;
}

/** Visible form controls and buttons of the page that have no accessible name (label, aria-label, text). */
export function unlabelled(p: Page): Promise<string[]> {
  return p.evaluate(`[...document.querySelectorAll('input, select, textarea, button, a[href]')]
    .filter((el) => el.getClientRects().length > 0 && el.type !== 'hidden')
    .filter((el) => {
      if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;
      if ((el.labels?.length ?? 0) > 0) return false;
      return !(el.textContent ?? '').trim() && !el.querySelector('img[alt]:not([alt=""])');
    })
    .map((el) => el.outerHTML.slice(0, 120))`) as Promise<string[]>;
}

/** Adds the page's uncaught errors and console errors to `errors` (a failed request is the app's to show, not one). */
export function collectErrors(p: Page, errors: string[]): void {
  p.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  p.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) errors.push(msg.text());
  });
}

/** A screenshot as `DIR/PREFIX-NAME.png` (the whole page unless `fullPage` is false), then the check that every control has a name. */
export function shooter(dir: string, prefix: string, fullPage = true) {
  return async (p: Page, name: string) => {
    await p.screenshot({ path: `${dir}/${prefix}-${name}.png`, fullPage });
    assert.deepEqual(await unlabelled(p), [], `${name}: every control has a name a screen reader announces`);
  };
}

/** The question numbers of the review cards the page shows (the filter hides the others). */
export const visibleCards = (p: Page) =>
  p.$$eval('.review-card', (els) =>
    els
      .map((e) => e as unknown as { hidden: boolean; dataset: Record<string, string> })
      .filter((e) => !e.hidden)
      .map((e) => Number(e.dataset.question)),
  );

/** The focused element's accessible name as set (aria-label), else its id. */
export const focused = async (p: Page) =>
  (await p.evaluate(
    "document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? null",
  )) as string | null;
