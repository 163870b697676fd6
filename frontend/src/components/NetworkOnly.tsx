// The network workspace's frame: only network admins see its pages (others are told so, the
// logged-out sent to log in and back), each with the workspace's own navigation.
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { useLocation } from "preact-iso";
import { session } from "../api/client";
import { useSession } from "../lib/hooks";

const SECTIONS = [
  { href: "/reseau", label: "Remontées et appels" },
  { href: "/reseau/publications", label: "Publications" },
  { href: "/reseau/relais", label: "Relais" },
  { href: "/reseau/seminaires", label: "Séminaires" },
  { href: "/reseau/utilisateurs", label: "Utilisateurs et rôles" },
  { href: "/reseau/chiffres", label: "Participation et liaison" },
];

export function NetworkOnly(props: { title: string; children: ComponentChildren }) {
  const { me } = useSession();
  const { url, path, route } = useLocation();
  useEffect(() => {
    if (!me) route(`/connexion?retour=${encodeURIComponent(url)}`, true);
  }, [me]);
  if (!me) return <h1 tabIndex={-1}>{props.title}</h1>;
  if (!session.hasRole("network_admin")) {
    return (
      <>
        <h1 tabIndex={-1}>{props.title}</h1>
        <p class="alert">Cette page est réservée à l’animation nationale du réseau.</p>
      </>
    );
  }
  return (
    <>
      <nav class="subnav" aria-label="Espace réseau">
        <ul>
          {SECTIONS.map((section) => {
            const current =
              section.href === "/reseau" ? path === "/reseau" : path.startsWith(section.href);
            return (
              <li key={section.href}>
                <a href={section.href} aria-current={current ? "page" : undefined}>
                  {section.label}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      {props.children}
    </>
  );
}
