// The package's types point to a module it does not ship.
declare module "svg-maps__common" {
  export interface Location {
    id: string;
    name: string;
    path: string;
  }
  export interface Map {
    label: string;
    viewBox: string;
    locations: Location[];
  }
}
