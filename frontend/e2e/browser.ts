// Debian's Chromium, driven by playwright-core: no browser is ever downloaded.
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--lang=fr-FR",
    ],
  });
}

export function context(
  browser: Browser,
  baseURL: string,
  colorScheme: "light" | "dark" = "light",
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    colorScheme,
    viewport: { width: 1280, height: 900 },
    reducedMotion: "reduce",
  });
}

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** No violation of the WCAG 2.1 A and AA rules axe checks, in the page as it is now. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(" ")} — ${node.failureSummary ?? ""}`)
        .join("\n"),
  );
  expect(found, `axe on ${state}`).toEqual([]);
}
