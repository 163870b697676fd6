// The network workspace's pages as a network admin: each page's title, h1 and axe; publishing
// an HCTS item with errors by field; attendance recorded; a login created; an expired session
// that keeps what was typed; and a contribution answered, seen in the pilot's inbox.
import { resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { context, expectAccessible, launch } from "./browser";

const base = inject("baseUrl");
const SCREENSHOTS = resolve(import.meta.dirname, "../../docs/screenshots");
const PASSWORD = "demo-ancrage-2024";
const ADMIN = "animation@demo.ancrage.fr";
const PILOT = "pilote.clts07@demo.ancrage.fr";
const SITE = " — Réseau des comités locaux du travail social";

let browser: Browser;
let admin: BrowserContext;
let page: Page;

async function logIn(target: Page, email: string, path: string): Promise<void> {
  await target.goto(`/connexion?retour=${encodeURIComponent(path)}`);
  await target.locator("#connexion-email").fill(email);
  await target.locator("#connexion-mdp").fill(PASSWORD);
  await target.locator("#connexion-mdp").press("Enter");
  await target.waitForURL((url) => url.pathname === path);
}

/** Goes to a workspace page by its own navigation, as a keyboard user would. */
async function section(name: string, h1: string): Promise<void> {
  await page.locator("nav.subnav").getByRole("link", { name, exact: true }).click();
  await expect.poll(() => page.locator("main h1").textContent()).toBe(h1);
  // The title follows the page once drawn.
  await expect.poll(() => page.title()).toBe(`${h1}${SITE}`);
  expect(await page.locator("h1").count()).toBe(1);
}

beforeAll(async () => {
  browser = await launch();
  admin = await context(browser, base);
  page = await admin.newPage();
  await logIn(page, ADMIN, "/reseau");
});

afterAll(async () => {
  await browser?.close();
});

describe("the network workspace", () => {
  it("publishes an HCTS item: problems by field, what was typed kept, then in the list", async () => {
    await section("Publications", "Publications du HCTS");
    await page.locator("main table tbody tr").first().waitFor();
    const form = page.locator("form", { hasText: "Nouvelle publication" });
    await form.getByRole("button", { name: "Enregistrer la publication" }).click();
    await expect
      .poll(() => form.locator("#publication-kind-erreur").textContent())
      .toBe("Choisissez la nature de la publication.");
    expect(await form.locator("#publication-title-erreur").textContent()).toBe(
      "Saisissez le titre de la publication.",
    );
    // Focus moves on the next animation frame, once the page is drawn: polled.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe("publication-kind");
    await expectAccessible(page, "the publication form in error");

    // The API refuses a title over 300 characters: said next to the title, the rest kept.
    await form.getByLabel("Nature").selectOption("practice_sheet");
    await form.getByLabel("Titre", { exact: true }).fill("x".repeat(301));
    await form.getByLabel(/^Thèmes/).fill("participation, pouvoir d’agir");
    await form.getByRole("button", { name: "Enregistrer la publication" }).click();
    await expect
      .poll(() => form.locator("#publication-title-erreur").textContent())
      .toBe("Saisissez le titre (300 caractères au plus).");
    expect(await form.getByLabel(/^Thèmes/).inputValue()).toBe("participation, pouvoir d’agir");

    const title = "Fiche repère : la participation des personnes accompagnées (essai)";
    await form.getByLabel("Titre", { exact: true }).fill(title);
    await form.getByLabel("Publier tout de suite dans les boîtes des comités").check();
    await form.getByRole("button", { name: "Enregistrer la publication" }).click();
    await expect
      .poll(() => page.locator("#annonce-publications").textContent())
      .toBe(`« ${title} » est publiée : les comités la voient dans leur boîte.`);
    const row = page.locator("main table tbody tr", { hasText: title });
    await expect.poll(() => row.locator("td").nth(2).textContent()).toBe("Publiée");
    expect(await form.getByLabel("Titre", { exact: true }).inputValue()).toBe("");
    await page.screenshot({ path: `${SCREENSHOTS}/reseau-publications.png` });
  });

  it("shows who relayed what: the grid, and one committee's relays", async () => {
    await section("Relais", "Relais des publications");
    const row = page.locator("table.grid tbody tr", { hasText: "CLTS 07" });
    await expect.poll(() => row.textContent()).toContain("Relayée le 15 décembre 2022");
    await expectAccessible(page, "the relays grid");
    await page.screenshot({ path: `${SCREENSHOTS}/reseau-relais.png` });
    await page.getByLabel("Comité", { exact: true }).selectOption({ label: "CLTSDS 49" });
    await page.getByRole("button", { name: "Afficher" }).click();
    await expect
      .poll(() => page.locator("table", { hasText: "Publications relayées par" }).textContent())
      .toContain("liste de diffusion");
  });

  it("records a seminar's attendance, the summary following", async () => {
    await section("Séminaires", "Séminaires du réseau");
    // The seeds' seminar of January 2020, whose attendance is recorded.
    await page
      .getByRole("link", { name: "Séminaire des CLTSDS : ancrage territorial du HCTS" })
      .click();
    await page.locator("main table tfoot").waitFor();
    const excused = page.locator("tfoot td").nth(2);
    const before = Number(await excused.textContent());
    const select = page.getByRole("combobox", { name: /^Présence de / }).first();
    expect(await select.inputValue()).toBe("present");
    await select.selectOption("excused");
    await page.getByRole("button", { name: /^Enregistrer les présences/ }).click();
    await expect
      .poll(() => page.locator("#presences-resultat").textContent())
      .toBe("1 présence enregistrée.");
    await expect.poll(async () => Number(await excused.textContent())).toBe(before + 1);
    await expectAccessible(page, "a seminar's registrations and attendance");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/reseau-seminaire.png` });
  });

  it("creates a login with its role (an address in use said at the address), then deactivates it", async () => {
    await section("Utilisateurs et rôles", "Utilisateurs et rôles");
    const form = page.locator("form", { hasText: "Créer un compte" });
    const fill = async (email: string) => {
      await form.getByLabel("Adresse électronique").fill(email);
      await form.getByLabel("Nom affiché").fill("Nadia Essai");
      await form.getByLabel(/^Mot de passe provisoire/).fill("un-mot-de-passe-long");
      await form.getByLabel("Rôle").selectOption("committee_admin");
      await form.getByLabel("Comité").selectOption({ label: "CLTS 07" });
      await form.getByRole("button", { name: "Créer le compte" }).click();
    };
    await fill(PILOT);
    await expect
      .poll(() => form.locator("#compte-email-erreur").textContent())
      .toBe("Un compte utilise déjà cette adresse électronique.");
    expect(await form.getByLabel("Nom affiché").inputValue()).toBe("Nadia Essai");
    await expectAccessible(page, "the login form of the workspace in error");
    await fill("nadia.essai@exemple.fr");
    await expect
      .poll(() => page.locator("#annonce-utilisateurs").textContent())
      .toBe("Compte de Nadia Essai créé.");
    await expect.poll(() => page.locator("main .users").textContent()).toContain("Nadia Essai");
    // Deactivated: the change is sent with the version it applies to (If-Match).
    await page.getByRole("button", { name: "Désactiver le compte de Nadia Essai" }).click();
    await expect
      .poll(() => page.locator("#annonce-utilisateurs").textContent())
      .toBe("Compte de Nadia Essai désactivé.");
    await expect
      .poll(() => page.locator("main .user", { hasText: "Nadia Essai" }).textContent())
      .toContain("(compte désactivé)");
  });

  it("shows participation and liaison figures, filtered in the URL", async () => {
    await section("Participation et liaison", "Participation et liaison");
    await page.locator(".key-figures").first().waitFor();
    await page.getByLabel("Département").selectOption("07");
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(/departement=07/);
    await expect
      .poll(() => page.locator("main").textContent())
      .toContain("Participants inscrits et présents aux séminaires du réseau, par comité");
    await page.getByText("Tableau des données : membres par catégorie").click();
    await expectAccessible(page, "the participation and liaison figures, filtered");
    await page.waitForTimeout(400); // the charts' last frame
    await page.screenshot({ path: `${SCREENSHOTS}/reseau-chiffres.png`, fullPage: true });
  });
});

describe("an expired session", () => {
  it("keeps what was typed: logging in again brings the form back, cleared once sent", async () => {
    const ctx = await context(browser, base);
    const tab = await ctx.newPage();
    await logIn(tab, ADMIN, "/reseau/seminaires");
    const form = tab.locator("form", { hasText: "Annoncer un séminaire" });
    await form.getByLabel("Intitulé").fill("Séminaire du réseau : la participation (essai)");
    await form.getByLabel("Date", { exact: true }).fill("2027-11-18");
    await form.getByLabel("Format").selectOption("remote");
    await form.getByLabel("Lieu (facultatif)").fill("Visioconférence");
    // Both tokens refused: the session is over when the form is sent.
    const refused = (code: string) => ({
      status: 401,
      contentType: "application/problem+json",
      body: JSON.stringify({ type: "about:blank", code, title: "Unauthorized", status: 401 }),
    });
    await tab.route("**/api/v1/auth/refresh", (route) =>
      route.fulfill(refused("invalid_refresh_token")),
    );
    await tab.route("**/api/v1/seminars", (route) =>
      route.request().method() === "POST"
        ? route.fulfill(refused("unauthorized"))
        : route.continue(),
    );
    await form.getByRole("button", { name: "Annoncer le séminaire" }).click();
    await tab.waitForURL(/\/connexion\?retour=%2Freseau%2Fseminaires$/);
    await tab.unrouteAll();
    await tab.locator("#connexion-email").fill(ADMIN);
    await tab.locator("#connexion-mdp").fill(PASSWORD);
    await tab.locator("#connexion-mdp").press("Enter");
    await tab.waitForURL(/\/reseau\/seminaires$/);
    await expect
      .poll(() => form.getByLabel("Intitulé").inputValue())
      .toBe("Séminaire du réseau : la participation (essai)");
    expect(await form.getByLabel("Format").inputValue()).toBe("remote");
    expect(await form.getByLabel("Lieu (facultatif)").inputValue()).toBe("Visioconférence");
    expect(await form.locator(".notice").textContent()).toBe(
      "Ce que vous aviez saisi avant de vous reconnecter a été rétabli.",
    );
    await expectAccessible(tab, "a form brought back after logging in again");
    await form.getByRole("button", { name: "Annoncer le séminaire" }).click();
    await expect
      .poll(() => tab.locator("#annonce-seminaires").textContent())
      .toContain("Séminaire « Séminaire du réseau : la participation (essai) » annoncé");
    await tab.reload();
    await form.getByLabel("Intitulé").waitFor();
    expect(await form.getByLabel("Intitulé").inputValue()).toBe("");
    await ctx.close();
  });
});

describe("a contribution answered", () => {
  it("changes the inbox of the committee's pilot", async () => {
    // The Ardèche pilot submits a field question (through the API, as their own tools would).
    const token = async (email: string) => {
      const answer = await fetch(`${base}/api/v1/auth/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "password", username: email, password: PASSWORD }),
      });
      return ((await answer.json()) as { access_token: string }).access_token;
    };
    const pilotToken = await token(PILOT);
    const call = (path: string, body: unknown) =>
      fetch(`${base}/api/v1${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${pilotToken}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (answer) => {
        expect(answer.status, await answer.clone().text()).toBeLessThan(300);
        return (await answer.json()) as { id: string; committee_id?: string };
      });
    const me = (await (
      await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${pilotToken}` } })
    ).json()) as { grants: { committee_id: string | null }[] };
    const committee = me.grants[0]?.committee_id ?? "";
    const title = "Mobilité des personnes accompagnées en zone rurale (essai)";
    const contribution = await call("/contributions", {
      committee_id: committee,
      kind: "field_question",
      title,
      body: "Comment financer les déplacements vers les réunions du comité ?",
    });
    await call(`/contributions/${contribution.id}/transitions`, { to: "submitted" });

    // The network admin acknowledges it, then answers it.
    await page.locator("nav.subnav").getByRole("link", { name: "Remontées et appels" }).click();
    const row = page.locator("main table tbody tr", { hasText: title });
    const triage = async (choice: string, response?: string) => {
      await row.getByRole("button", { name: `Traiter « ${title} »` }).click();
      const dialog = page.getByRole("dialog", { name: "Traiter la remontée" });
      await dialog.getByLabel(choice).check();
      if (response) await dialog.getByLabel(/Réponse du HCTS/).fill(response);
      await dialog.getByRole("button", { name: "Enregistrer" }).click();
      await dialog.waitFor({ state: "detached" });
    };
    await triage("Accuser réception");
    await expect.poll(() => row.textContent()).toContain("Accusé de réception le");
    await triage("Répondre", "Le HCTS prépare une fiche sur la prise en charge des frais.");
    await expect.poll(() => row.count()).toBe(0);

    const pilot = await context(browser, base);
    const tab = await pilot.newPage();
    await logIn(tab, PILOT, "/mon-comite");
    const item = tab.locator("main .inbox li", { hasText: title }).first();
    await expect
      .poll(() => item.textContent())
      .toContain("Réponse à une remontée : réponse apportée");
    expect(await item.getAttribute("class")).toBe("is-unread");
    await pilot.close();
  });
});
