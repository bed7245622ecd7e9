// What the page tests in test/browser/ share: the real stack with Chromium beside it, browser
// contexts signed in as a user, the two sizes every page is checked at, the check that a page
// does not scroll sideways, and screenshots named after the step and the width.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SESSION_COOKIE } from '../../api/session.ts';
import { sessionAgent, startStack, type Stack, type StackOptions } from '../security/stack.ts';
import { launchChromium, screenshot } from './browser.ts';
import { quietTemporalLogs } from './quiet-runtime.ts';

export interface Size {
  width: number;
  height: number;
}

export const DESKTOP = { width: 1280, height: 800 } as const satisfies Size;
export const PHONE = { width: 390, height: 844 } as const satisfies Size;
/** Every page is checked at both. */
export const SIZES = [DESKTOP, PHONE] as const;

/** The stack and Chromium, started side by side, and pages signed in to the stack. */
export class StackBrowser {
  readonly stack: Stack;
  readonly browser: Browser;
  readonly #defaults: BrowserContextOptions;

  private constructor(stack: Stack, browser: Browser, defaults: BrowserContextOptions) {
    this.stack = stack;
    this.browser = browser;
    this.#defaults = defaults;
  }

  /** `defaults` are the context options of every context made here (locale, downloads …). */
  static async start(
    options: StackOptions,
    defaults: BrowserContextOptions = {},
  ): Promise<StackBrowser> {
    quietTemporalLogs();
    const [stack, browser] = await Promise.allSettled([startStack(options), launchChromium()]);
    if (stack.status === 'fulfilled' && browser.status === 'fulfilled') {
      return new StackBrowser(stack.value, browser.value, defaults);
    }
    // The half that did start would outlive the file otherwise.
    if (stack.status === 'fulfilled') await stack.value.stop();
    if (browser.status === 'fulfilled') await browser.value.close();
    throw stack.status === 'rejected' ? stack.reason : (browser as PromiseRejectedResult).reason;
  }

  /** A context at `size`, signed in as `email` with the session a sign-in link would make. */
  async context(
    email: string,
    size: Size,
    options: BrowserContextOptions = {},
  ): Promise<BrowserContext> {
    const agent = await sessionAgent(this.stack.base, this.stack.db, email);
    const context = await this.browser.newContext({
      ...this.#defaults,
      ...options,
      viewport: { width: size.width, height: size.height },
    });
    const sid = agent.cookies.get(SESSION_COOKIE) ?? '';
    await context.addCookies([{ name: SESSION_COOKIE, value: sid, url: this.stack.base }]);
    return context;
  }

  /** A page of its own context at `size`, signed in as `email`. */
  async page(email: string, size: Size, options: BrowserContextOptions = {}): Promise<Page> {
    return (await this.context(email, size, options)).newPage();
  }

  /** Closes Chromium (and with it every context) and stops the stack. */
  async close(): Promise<void> {
    await this.browser.close();
    await this.stack.stop();
  }
}

/** Fails unless the page fits its window's width: wide tables scroll inside their own box. */
export async function expectNoSideScroll(page: Page, what = page.url()): Promise<void> {
  // A string, not a function: the tests are type-checked without the DOM's types.
  const fits = await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  expect(fits, `${what} scrolls sideways`).toBe(true);
}

/** How many window heights tall the page is. */
export async function screensTall(page: Page): Promise<number> {
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  return height / (page.viewportSize()?.height ?? 1);
}

/** A full-page screenshot named `<step>-<window width>` (e.g. directory-list-390). */
export async function screenshotAt(page: Page, step: string): Promise<void> {
  await screenshot(page, `${step}-${page.viewportSize()?.width ?? 0}`);
}
