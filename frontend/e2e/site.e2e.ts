// The public site in a real browser, against the API serving the demo network.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { context, expectAccessible, launch } from "./browser";

const ROOT = resolve(import.meta.dirname, "../..");
const DIST = resolve(ROOT, "frontend/dist");
const SCREENSHOTS = resolve(ROOT, "docs/screenshots");
const base = inject("baseUrl");

let browser: Browser;
let light: BrowserContext;

beforeAll(async () => {
  browser = await launch();
  light = await context(browser, base);
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string, ctx: BrowserContext = light): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(path);
  await page.locator("main h1").waitFor();
  return page;
}

async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute("aria-label") ?? element?.textContent?.trim() ?? "";
  });
}

describe("the directory and its map", () => {
  it("starts with skip links, landmarks and one h1, in French", async () => {
    const page = await open("/");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.title()).toBe(
      "Annuaire des comités — Réseau des comités locaux du travail social",
    );
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Aller au contenu");
    expect(await page.locator("header").count()).toBe(1);
    expect(await page.locator("main").count()).toBe(1);
    expect(await page.locator("footer").count()).toBe(1);
    expect(await page.locator("h1").count()).toBe(1);
    await page.locator(".map a[data-departement]").first().waitFor();
    await expectAccessible(page, "the directory with its map");
    await page.close();
  });

  it("filters by keyboard, the filters kept in the URL", async () => {
    const page = await open("/");
    await page.locator("#filtre-q").focus();
    await page.keyboard.type("Ardèche");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=Ard%C3%A8che/);
    await expect.poll(() => page.locator(".cards .card h3").allTextContents()).toEqual(["CLTS 07"]);
    expect(await page.locator(".results-heading").textContent()).toBe("1 comité");

    await page.locator("#filtre-q").fill("");
    await page.locator("#filtre-statut").selectOption("construction");
    // Enter on a select does not submit: the keyboard user moves on to the button.
    await page.getByRole("button", { name: "Filtrer" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/\?statut=construction$/);
    await expect
      .poll(() => page.locator(".cards .card h3").allTextContents())
      .toEqual(expect.arrayContaining(["CLTSDS 47", "CLTSDS 49", "CLTSDS Corse"]));
    await expectAccessible(page, "the directory filtered");

    // The URL alone restores the same list, in a new page.
    const again = await open("/?statut=construction");
    expect(await again.locator("#filtre-statut").inputValue()).toBe("construction");
    await page.close();
    await again.close();
  });

  it("pages through the directory with the API's cursors", async () => {
    const page = await open("/");
    await page.locator(".cards .card").first().waitFor();
    const first = await page.locator(".cards .card h3").allTextContents();
    expect(first).toHaveLength(24);
    await page.getByRole("link", { name: "Page suivante" }).click();
    await page.waitForURL(/page=/);
    await expect.poll(() => page.locator(".cards .card h3").count()).toBe(39 - 24);
    const second = await page.locator(".cards .card h3").allTextContents();
    expect(second.filter((name) => first.includes(name))).toEqual([]);
    await page.close();
  });

  it("reads the map by keyboard: each département a link named with its status", async () => {
    const page = await open("/");
    await page.locator(".map a[data-departement]").first().waitFor();
    await page.getByRole("link", { name: "Passer la carte et aller à son tableau" }).focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Ain (01) : actif, 1 comité");
    for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Ardèche (07) : actif, 2 comités");
    await expectAccessible(page, "the map focused");
    // The first screen, Ardèche focused: the filters, the first committees and the whole map.
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/annuaire-carte.png` });

    await page.keyboard.press("Enter");
    await page.waitForURL(/\/\?departement=07$/);
    await expect.poll(() => page.locator(".cards .card h3").allTextContents()).toContain("CLTS 07");
    expect(await page.locator("#filtre-departement").inputValue()).toBe("07");

    const overseas = page.locator('.map a[data-departement="974"]');
    expect(await overseas.getAttribute("aria-label")).toBe("La Réunion (974) : actif, 1 comité");

    // The table alternative says the same.
    await page.locator("#tableau-carte summary").click();
    const row = page.locator("#tableau-carte tr", { hasText: "07 – Ardèche" });
    expect(await row.locator("td").first().textContent()).toBe("Actif");
    await expectAccessible(page, "the map's table open");
    await page.close();
  });

  it("looks right in dark mode too", async () => {
    const dark = await context(browser, base, "dark");
    const page = await open("/", dark);
    await page.locator(".map a[data-departement]").first().waitFor();
    await expectAccessible(page, "the directory in dark mode");
    await page.screenshot({ path: `${SCREENSHOTS}/annuaire-sombre.png` });
    await dark.close();
  });
});

describe("a committee's page", () => {
  it("opens from the directory and shows its territory, carriers and history", async () => {
    const page = await open("/?q=Ard%C3%A8che");
    await page.getByRole("link", { name: "CLTS 07" }).first().focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/comites\/[0-9a-f-]{36}$/);
    const h1 = page.locator("main h1");
    await expect.poll(() => h1.textContent()).toBe("Comité local du travail social de l'Ardèche");
    await expect
      .poll(() => page.title())
      .toBe("CLTS 07 — Réseau des comités locaux du travail social");
    // The new page is announced, and focus is on its heading.
    await expect
      .poll(() => page.locator("#annonce-page").textContent())
      .toBe("CLTS 07 — page chargée");
    // Focus moves on the next animation frame, once the page is drawn: polled.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");

    const timeline = await page.locator(".timeline li").allTextContents();
    expect(timeline.at(-1)).toBe("29 mars 2022Actif");
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("Ardèche (07)");
    expect(main).toContain("Conseil départemental de l'Ardèche");
    expect(main).toContain("Ocellia");
    expect(main).toContain("Actions 2023-2027 du CLTS 07");
    // Its bodies, named publicly (never who sits in them).
    const agora = page.locator("main tr", { has: page.locator('th:text-is("Agora")') });
    expect(await agora.locator("td").first().textContent()).toBe("Agora");
    await expectAccessible(page, "a committee's page");
    await page.screenshot({ path: `${SCREENSHOTS}/comite.png`, fullPage: true });

    // A deep link, loaded directly, is the same page (history-mode fallback).
    const direct = await open(new URL(page.url()).pathname);
    await expect
      .poll(() => direct.locator("main h1").textContent())
      .toBe("Comité local du travail social de l'Ardèche");
    await page.close();
    await direct.close();
  });

  it("says so when the committee does not exist", async () => {
    const page = await open("/comites/00000000-0000-4000-8000-000000000000");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Comité introuvable");
    expect(await page.locator(".alert").textContent()).toBe(
      "Ce comité n’existe pas ou n’est pas public.",
    );
    await expectAccessible(page, "an unknown committee");
    await page.close();
  });
});

describe("the network's figures", () => {
  it("reads the seeds' timeline from the chart's data table", async () => {
    const page = await open("/chiffres");
    await page.locator("canvas").first().waitFor();
    await page.getByText("Tableau des données : comités par état et par mois").click();
    const active = async (month: string) => {
      const row = page.locator("tr", { has: page.locator(`th:text-is("${month}")`) });
      const headers = await page
        .locator("table", { hasText: "Comités par état, le premier jour" })
        .locator("thead th")
        .allTextContents();
      const cells = await row.locator("th, td").allTextContents();
      return cells[headers.indexOf("Actif")];
    };
    expect(await active("janvier 2020")).toBe("13");
    expect(await active("mars 2022")).toBe("12");
    expect(await active("janvier 2024")).toBe("19");

    const csv = page.getByRole("link", { name: "Télécharger les données (CSV)" });
    const href = (await csv.getAttribute("href")) ?? "";
    const answer = await fetch(new URL(href, base));
    expect(answer.headers.get("content-type")).toContain("text/csv");
    await expectAccessible(page, "the figures with the timeline's table open");
    await page.waitForTimeout(400); // the charts' last frame
    await page.screenshot({ path: `${SCREENSHOTS}/chiffres.png`, fullPage: true });
    await page.close();
  });

  it("shows the network on a chosen day, the day kept in the URL", async () => {
    const page = await open("/chiffres");
    await page.locator(".key-figures").waitFor();
    await page.locator("#date-chiffres").fill("2024-01-15");
    await page.getByRole("button", { name: "Afficher" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/date=2024-01-15/);
    await expect
      .poll(() => page.locator(".key-figures li").first().textContent())
      .toBe("19comités actifs");
    await page.getByText("Tableau des données : comités actifs par échelle").click();
    const regional = page.locator("tr", { hasText: "Régional" }).locator("td");
    expect(await regional.textContent()).toBe("4");
    await expectAccessible(page, "the figures on a chosen day");
    await page.close();
  });
});

describe("the other pages", () => {
  it("states the accessibility level honestly", async () => {
    const page = await open("/accessibilite");
    expect(await page.locator("main").textContent()).toContain("partiellement conforme");
    await expectAccessible(page, "the accessibility statement");
    await page.close();
  });

  it("answers an unknown path with the SPA's own 404 page", async () => {
    const page = await open("/nulle-part");
    expect(await page.locator("main h1").textContent()).toBe("Page introuvable");
    await expectAccessible(page, "the not-found page");
    await page.close();
  });
});

describe("budgets", () => {
  // What each page downloads, gzipped as a server would send it (uvicorn serves it plain):
  // measured here, written into the README's Budgets section, never a pass or fail of its own.
  const gzipped = (url: string) =>
    gzipSync(readFileSync(resolve(DIST, new URL(url).pathname.slice(1))), { level: 9 }).length;

  async function scriptsOf(path: string, ready: string, login?: string) {
    const ctx = await context(browser, base);
    const page = await ctx.newPage();
    if (login) {
      // A workspace page, loaded afresh once logged in (the session is restored from the tab).
      await page.goto(`/connexion?retour=${encodeURIComponent(path)}`);
      await page.locator("#connexion-email").fill(login);
      await page.locator("#connexion-mdp").fill("demo-ancrage-2024");
      await page.locator("#connexion-mdp").press("Enter");
      await page.waitForURL((url) => url.pathname === path);
    }
    const scripts = new Set<string>();
    page.on("response", (response) => {
      if (response.url().endsWith(".js")) scripts.add(response.url());
    });
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    const interactive = await page.evaluate(
      () => performance.getEntriesByName("carte-interactive")[0]?.startTime ?? performance.now(),
    );
    await page.waitForLoadState("networkidle");
    const bytes = [...scripts].reduce((sum, url) => sum + gzipped(url), 0);
    await ctx.close();
    return { path, scripts: scripts.size, kilobytes: bytes / 1024, interactive };
  }

  it("measures the JavaScript of each page and the directory's time to interactive", async () => {
    const pages = [
      await scriptsOf("/", ".map a[data-departement]"),
      await scriptsOf("/comites/00000000-0000-4000-8000-000000000000", "main .alert"),
      await scriptsOf("/chiffres", "canvas"),
      await scriptsOf("/accessibilite", "main h1"),
      await scriptsOf("/reseau/chiffres", "canvas", "animation@demo.ancrage.fr"),
    ];
    const first = pages[0];
    if (!first) throw new Error("no measure");
    const largest = pages.reduce((a, b) => (b.kilobytes > a.kilobytes ? b : a));
    const kb = (value: number) => `${value.toFixed(1)} KB`;
    const lines = [
      "Localhost, Debian Chromium, one uvicorn worker, the demo network; JavaScript counted",
      "gzipped (level 9: the API serves it plain, a proxy would compress it), every script the",
      "page downloads until the network is idle.",
      "",
      "| page | scripts | JavaScript (gzip) | budget |",
      "|---|---|---|---|",
      ...pages.map(
        (p) =>
          `| \`${p.path}\` | ${p.scripts} | ${kb(p.kilobytes)} | ${p === first ? "≤ 80 KB (first page)" : "≤ 150 KB (route)"} |`,
      ),
      "",
      `- First page (\`/\`): ${kb(first.kilobytes)} of JavaScript (budget 80 KB).`,
      `- Largest route (\`${largest.path}\`): ${kb(largest.kilobytes)} (budget 150 KB).`,
      `- The directory with its map interactive (the map drawn, every département a link) ${Math.round(first.interactive)} ms after navigation started (budget 1 000 ms).`,
    ];
    const readme = resolve(ROOT, "README.md");
    const text = readFileSync(readme, "utf8");
    const updated = text.replace(
      /(<!-- budgets:start -->\n)[\s\S]*?(<!-- budgets:end -->)/,
      `$1${lines.join("\n")}\n$2`,
    );
    writeFileSync(readme, updated);
    console.log(lines.join("\n"));
    expect(first.kilobytes).toBeGreaterThan(0);
  });
});
