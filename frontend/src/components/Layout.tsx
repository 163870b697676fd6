import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { useLocation } from "preact-iso";
import { session } from "../api/client";
import { useSession } from "../lib/hooks";

const PUBLIC_NAV = [
  { href: "/", label: "Annuaire des comités" },
  { href: "/chiffres", label: "Chiffres du réseau" },
  { href: "/accessibilite", label: "Accessibilité" },
];
const NETWORK_NAV = { href: "/reseau", label: "Espace réseau" };
const COMMITTEE_NAV = { href: "/mon-comite", label: "Mes comités" };

function isCurrent(path: string, href: string): boolean {
  return href === "/" ? path === "/" || path.startsWith("/comites") : path.startsWith(href);
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { path, url, route } = useLocation();
  const { me, expired } = useSession();
  // A session that expires sends the person to log in again, and back here afterwards.
  useEffect(() => {
    if (expired && !path.startsWith("/connexion")) {
      route(`/connexion?retour=${encodeURIComponent(url)}`);
    }
  }, [expired]);
  // The navigation follows the grants of /me.
  const nav = [
    ...PUBLIC_NAV,
    ...(me?.grants.some((grant) => grant.committee_id !== null) ? [COMMITTEE_NAV] : []),
    ...(me && session.hasRole("network_admin") ? [NETWORK_NAV] : []),
  ];
  const login = path.startsWith("/connexion")
    ? "/connexion"
    : `/connexion?retour=${encodeURIComponent(url)}`;
  return (
    <>
      <div class="skiplinks">
        <nav aria-label="Accès rapide">
          <ul>
            <li>
              <a href="#contenu">Aller au contenu</a>
            </li>
            <li>
              <a href="#navigation">Aller au menu</a>
            </li>
            <li>
              <a href="#pied-de-page">Aller au pied de page</a>
            </li>
          </ul>
        </nav>
      </div>
      <header class="header">
        <div class="container header__body">
          <a class="header__brand" href="/">
            <span class="header__name">ancrage</span>
            <span class="header__tagline">Réseau des comités locaux du travail social</span>
          </a>
          <div class="account">
            {me ? (
              <>
                <span>{me.display_name}</span>
                <button class="link-button" type="button" onClick={() => session.logout()}>
                  Se déconnecter
                </button>
              </>
            ) : (
              <a class="button button--secondary" href={login}>
                Se connecter
              </a>
            )}
          </div>
        </div>
        <nav id="navigation" class="nav" aria-label="Menu principal" tabIndex={-1}>
          <ul class="container nav__list">
            {nav.map((item) => (
              <li key={item.href}>
                <a
                  class="nav__link"
                  href={item.href}
                  aria-current={isCurrent(path, item.href) ? "page" : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="contenu" class="container main" tabIndex={-1}>
        {children}
      </main>
      <footer id="pied-de-page" class="footer" tabIndex={-1}>
        <div class="container footer__body">
          <p>
            ancrage, le système d’information du réseau des comités locaux du travail social et du
            développement social, en lien avec le Haut Conseil du travail social.
          </p>
          <ul class="footer__links">
            <li>
              <a href="/accessibilite">Accessibilité : partiellement conforme</a>
            </li>
            <li>
              <a href="/docs">Documentation de l’API</a>
            </li>
          </ul>
        </div>
      </footer>
      <p id="annonce-page" class="sr-only" aria-live="polite" aria-atomic="true" />
    </>
  );
}
