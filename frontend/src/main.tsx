import { render } from "preact";
import { ErrorBoundary, LocationProvider, lazy, Route, Router } from "preact-iso";
import { session } from "./api/client";
import { Layout } from "./components/Layout";
import "./styles/tokens.css";
import "./styles/app.css";

// Each page is its own chunk: the first page loads only what it shows.
const Directory = lazy(() => import("./pages/Directory"));
const Committee = lazy(() => import("./pages/Committee"));
const Figures = lazy(() => import("./pages/Figures"));
const Accessibility = lazy(() => import("./pages/Accessibility"));
const NotFound = lazy(() => import("./pages/NotFound"));
const Login = lazy(() => import("./pages/Login"));
const Network = lazy(() => import("./pages/Network"));
const MyCommittees = lazy(() => import("./pages/MyCommittees"));
const NetworkPublications = lazy(() => import("./pages/NetworkPublications"));
const NetworkRelays = lazy(() => import("./pages/NetworkRelays"));
const NetworkSeminars = lazy(() => import("./pages/NetworkSeminars"));
const NetworkSeminar = lazy(() => import("./pages/NetworkSeminar"));
const NetworkUsers = lazy(() => import("./pages/NetworkUsers"));
const NetworkFigures = lazy(() => import("./pages/NetworkFigures"));

// Links to the API and its docs are served by the API, not by this router.
const SPA_SCOPE = /^\/(?!api(\/|$)|docs(\/|$))/;

export function App() {
  return (
    <LocationProvider scope={SPA_SCOPE}>
      <Layout>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Directory} />
            <Route path="/comites/:id" component={Committee} />
            <Route path="/chiffres" component={Figures} />
            <Route path="/accessibilite" component={Accessibility} />
            <Route path="/connexion" component={Login} />
            <Route path="/reseau" component={Network} />
            <Route path="/reseau/publications" component={NetworkPublications} />
            <Route path="/reseau/relais" component={NetworkRelays} />
            <Route path="/reseau/seminaires" component={NetworkSeminars} />
            <Route path="/reseau/seminaires/:id" component={NetworkSeminar} />
            <Route path="/reseau/utilisateurs" component={NetworkUsers} />
            <Route path="/reseau/chiffres" component={NetworkFigures} />
            <Route path="/mon-comite" component={MyCommittees} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}

const root = document.getElementById("app");
if (root) {
  // A session kept in this tab comes back before the first page asks for anything private.
  session.restore().finally(() => render(<App />, root));
}
