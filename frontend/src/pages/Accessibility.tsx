import { usePageTitle } from "../lib/hooks";

// The statement follows the RGAA 4.1 model. Only automated checks have been run: without a full
// audit of the criteria, the honest level is « partiellement conforme ».
export default function Accessibility() {
  usePageTitle("Déclaration d’accessibilité");
  return (
    <>
      <h1 tabIndex={-1}>Déclaration d’accessibilité</h1>
      <p>
        Le réseau des comités locaux du travail social s’engage à rendre ce site accessible
        conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d’accessibilité s’applique au tableau de bord du réseau (annuaire des
        comités, carte, pages des comités, chiffres du réseau, connexion, espace réseau avec ses
        publications, relais, séminaires, utilisateurs et chiffres de participation et de liaison,
        et espace des comités).
      </p>

      <h2>État de conformité</h2>
      <p>
        Ce site est <strong>partiellement conforme</strong> avec le référentiel général
        d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités et des
        limites de l’évaluation énumérées ci-dessous.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit complet des 106 critères du RGAA 4.1 n’a encore été réalisé : le taux de
        conformité n’est donc pas mesuré. Chaque version du site est vérifiée automatiquement, dans
        un navigateur Chromium, par l’outil axe-core sur chaque page et dans leurs états principaux
        (filtres appliqués, carte parcourue au clavier, tableaux de données ouverts, formulaires en
        erreur, formulaire rétabli après une reconnexion, fenêtre de dialogue ouverte, mode sombre),
        avec pour résultat zéro erreur aux règles WCAG 2.1 de niveaux A et AA que cet outil sait
        vérifier. Ces tests automatiques ne couvrent qu’une partie des critères.
      </p>

      <h2>Contenus non accessibles ou limites connues</h2>
      <ul>
        <li>
          Les graphiques ne sont pas accessibles en eux-mêmes : chacun est suivi d’un tableau
          présentant les mêmes données et d’un lien de téléchargement au format CSV.
        </li>
        <li>
          La carte des départements transmet l’état des comités par la couleur ; chaque département
          y est un lien dont l’intitulé donne l’état, et un tableau présente les mêmes informations.
        </li>
        <li>
          Les départements d’outre-mer figurent sur la carte sous forme d’encarts schématiques.
        </li>
      </ul>

      <h2>Établissement de cette déclaration</h2>
      <p>
        Technologies utilisées : HTML, CSS, JavaScript, SVG. Environnement de test : Chromium sans
        interface, avec axe-core (règles wcag2a, wcag2aa, wcag21a, wcag21aa). Pages vérifiées :
        l’annuaire et sa carte, la page d’un comité, les chiffres du réseau, la connexion, l’espace
        réseau (remontées et appels, publications, relais, séminaires et présences, utilisateurs et
        rôles, participation et liaison), l’espace des comités, cette déclaration et la page
        d’erreur.
      </p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter
        l’animation nationale du réseau pour être orienté vers une alternative accessible ou obtenir
        le contenu sous une autre forme.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une
        fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une
        réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de
        saisine au Défenseur des droits, par le formulaire de contact en ligne du Défenseur des
        droits, par un de ses délégués dans votre région, ou par courrier gratuit, sans
        affranchissement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
      </p>
    </>
  );
}
