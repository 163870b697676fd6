import { usePageTitle } from "../lib/hooks";

export default function NotFound() {
  usePageTitle("Page introuvable");
  return (
    <>
      <h1 tabIndex={-1}>Page introuvable</h1>
      <p>La page demandée n’existe pas ou a été déplacée.</p>
      <p>
        <a href="/">Revenir à l’annuaire des comités</a>
      </p>
    </>
  );
}
