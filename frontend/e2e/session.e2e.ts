// Logging in, the session refreshed out of sight, its expiry and the return to the page; the UI
// following the roles of /me.
import { resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { context, expectAccessible, launch } from "./browser";

const base = inject("baseUrl");
const PASSWORD = "demo-ancrage-2024";
const ADMIN = "animation@demo.ancrage.fr";
const PILOT = "pilote.clts07@demo.ancrage.fr";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function fresh(): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await context(browser, base);
  return { ctx, page: await ctx.newPage() };
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator("#connexion-email").fill(email);
  await page.locator("#connexion-mdp").fill(password);
  await page.locator("#connexion-mdp").press("Enter");
}

describe("logging in", () => {
  it("sends a private page to the login form, words its errors in French, keeps what was typed, and comes back", async () => {
    const { ctx, page } = await fresh();
    await page.goto("/reseau");
    await page.waitForURL(/\/connexion\?retour=%2Freseau$/);
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Connexion");

    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect
      .poll(() => page.locator(".alert").textContent())
      .toBe("Le formulaire est incomplet.");
    expect(await page.locator("#connexion-email-erreur").textContent()).toBe(
      "Saisissez votre adresse électronique.",
    );
    expect(await page.locator("#connexion-email").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "the login form in error (empty)");

    await logIn(page, ADMIN, "not-the-password");
    await expect
      .poll(() => page.locator(".alert").textContent())
      .toBe("Adresse électronique ou mot de passe incorrect.");
    expect(await page.locator("#connexion-email").inputValue()).toBe(ADMIN);
    expect(await page.title()).toMatch(/^Erreur : connexion/);
    await expectAccessible(page, "the login form in error (refused)");

    await page.locator("#connexion-mdp").fill(PASSWORD);
    await page.locator("#connexion-mdp").press("Enter");
    await page.waitForURL(/\/reseau$/);
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Espace réseau");
    expect(await page.locator("nav#navigation").textContent()).toContain("Espace réseau");
    expect(await page.locator(".account").textContent()).toContain("Se déconnecter");
    await page.locator("main table tbody tr").first().waitFor();
    expect(await page.locator("main table tbody tr").count()).toBeGreaterThan(0);
    await expectAccessible(page, "the network workspace");
    await ctx.close();
  });

  it("refreshes an expired access token without a word, and replays the call", async () => {
    const { ctx, page } = await fresh();
    await page.goto("/connexion?retour=%2F");
    await logIn(page, ADMIN, PASSWORD);
    await page.waitForURL(/\/$/);
    let refreshed = 0;
    page.on("request", (request) => {
      if (request.url().endsWith("/api/v1/auth/refresh")) refreshed += 1;
    });
    // The access token has expired: the API's answer to the first call says so.
    let first = true;
    await page.route("**/api/v1/contributions?*", async (route) => {
      if (!first) return route.continue();
      first = false;
      return route.fulfill({
        status: 401,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          code: "unauthorized",
          title: "Unauthorized",
          status: 401,
          detail: "expired",
        }),
      });
    });
    await page.getByRole("link", { name: "Espace réseau" }).click();
    await page.locator("main table tbody tr").first().waitFor();
    expect(refreshed).toBe(1);
    expect(await page.locator(".alert").count()).toBe(0);
    await ctx.close();
  });

  it("returns to the page the person was on after the session expired", async () => {
    const { ctx, page } = await fresh();
    await page.goto("/connexion?retour=%2Fchiffres");
    await logIn(page, ADMIN, PASSWORD);
    await page.waitForURL(/\/chiffres$/);
    // Both tokens refused: the session is over.
    await page.route("**/api/v1/auth/refresh", (route) =>
      route.fulfill({
        status: 401,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          code: "invalid_refresh_token",
          title: "Unauthorized",
          status: 401,
          detail: "x",
        }),
      }),
    );
    await page.route("**/api/v1/contributions?*", (route) =>
      route.fulfill({
        status: 401,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          code: "unauthorized",
          title: "Unauthorized",
          status: 401,
          detail: "x",
        }),
      }),
    );
    await page.getByRole("link", { name: "Espace réseau" }).click();
    await page.waitForURL(/\/connexion\?retour=%2Freseau$/);
    await expect
      .poll(() => page.locator(".notice").textContent())
      .toContain("Votre session a expiré");
    await expectAccessible(page, "the login form after expiry");
    await page.unrouteAll();
    await logIn(page, ADMIN, PASSWORD);
    await page.waitForURL(/\/reseau$/);
    await page.locator("main table tbody tr").first().waitFor();
    await ctx.close();
  });

  it("adapts to the roles of /me: a committee's pilot has no network workspace", async () => {
    const { ctx, page } = await fresh();
    await page.goto("/connexion");
    await logIn(page, PILOT, PASSWORD);
    await page.waitForURL(/\/$/);
    await expect.poll(() => page.locator(".account").textContent()).toContain("Se déconnecter");
    expect(await page.locator("nav#navigation").textContent()).not.toContain("Espace réseau");
    await page.goto("/reseau");
    await expect
      .poll(() => page.locator("main .alert").textContent())
      .toBe("Cette page est réservée à l’animation nationale du réseau.");
    // The session survives the reload (the refresh token is kept in the tab).
    expect(await page.locator(".account").textContent()).toContain("Se déconnecter");
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect.poll(() => page.locator(".account").textContent()).toContain("Se connecter");
    await ctx.close();
  });

  it("triages contributions in a dialog: errors next to the field, the list updated", async () => {
    const { ctx, page } = await fresh();
    await page.goto("/connexion?retour=%2Freseau");
    await logIn(page, ADMIN, PASSWORD);
    await page.locator("main table tbody tr").first().waitFor();
    const rows = page.locator("main table tbody tr");
    const acknowledged = rows.filter({ hasText: "Accusé de réception le" }).first();
    const title = (await acknowledged.locator("th").textContent()) ?? "";
    await acknowledged.getByRole("button", { name: `Traiter « ${title} »` }).click();
    const dialog = page.getByRole("dialog", { name: "Traiter la remontée" });
    await dialog.waitFor();
    await dialog.getByLabel("Répondre").check();
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await expect
      .poll(() => dialog.locator("#reponse-hcts-erreur").textContent())
      .toBe("Saisissez la réponse du HCTS.");
    await expectAccessible(page, "the triage dialog open, in error");

    await dialog.getByLabel(/Réponse du HCTS/).fill("Merci : reprise dans la fiche repère 2026.");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await expect
      .poll(() => page.locator("main [role=status]").textContent())
      .toBe(`Remontée mise à jour : « ${title} » : réponse apportée.`);
    await expect.poll(() => rows.filter({ hasText: title }).count()).toBe(0);
    // Focus moves on the next animation frame, once the page is drawn: polled.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe("remontees-titre");
    await expectAccessible(page, "the workspace after a triage");
    await ctx.close();
  });

  it("publishes a call, and the committee's pilot sees its inbox change", async () => {
    const pilot = await fresh();
    await pilot.page.goto("/connexion?retour=%2Fmon-comite");
    await logIn(pilot.page, PILOT, PASSWORD);
    await pilot.page.waitForURL(/\/mon-comite$/);
    const heading = pilot.page.locator("main h3").first();
    await expect.poll(() => heading.textContent()).toMatch(/^Boîte de réception : \d+ non lus?$/);
    const unread = Number(/(\d+)/.exec((await heading.textContent()) ?? "")?.[1]);
    await expectAccessible(pilot.page, "a pilot's committees and inbox");

    const admin = await fresh();
    await admin.page.goto("/connexion?retour=%2Freseau");
    await logIn(admin.page, ADMIN, PASSWORD);
    const form = admin.page.locator("form", { hasText: "Publier un appel à candidatures" });
    await form.waitFor();
    await form.getByRole("button", { name: "Publier l’appel" }).click();
    await expect
      .poll(() => form.locator("#appel-title-erreur").textContent())
      .toBe("Saisissez l’intitulé de l’appel.");
    expect(await admin.page.evaluate(() => document.activeElement?.id)).toBe("appel-title");
    await expectAccessible(admin.page, "the call form in error");

    const title = "Appel à candidatures : groupe de travail « Participation » (essai)";
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel("Intitulé de l’appel").fill(title);
    await form.getByLabel("Groupe de travail du HCTS").fill("Participation des personnes");
    await form.getByLabel("Date limite de candidature").fill(deadline);
    await form.getByRole("button", { name: "Publier l’appel" }).click();
    await expect
      .poll(() => admin.page.locator("#annonce-reseau").textContent())
      .toContain(`Appel « ${title} » publié`);
    expect(await form.getByLabel("Intitulé de l’appel").inputValue()).toBe("");

    await pilot.page.reload();
    await expect.poll(() => pilot.page.locator("main .inbox").textContent()).toContain(title);
    expect(await heading.textContent()).toBe(
      `Boîte de réception : ${unread + 1} non ${unread + 1 > 1 ? "lus" : "lu"}`,
    );
    await pilot.page.screenshot({
      path: resolve(import.meta.dirname, "../../docs/screenshots/boite-pilote.png"),
    });
    await pilot.ctx.close();
    await admin.ctx.close();
  });
});
