// Hash router: "#/catalog", "#/orders/<id>". The hash keeps every screen reachable by URL
// in Electron (file://) and in the browser alike.
import { SCREENS, type ScreenId } from '$shared/screens';

export interface Route {
  screen: ScreenId;
  /** The record the screen shows, e.g. an order id; null for the list. */
  id: string | null;
}

const DEFAULT_ROUTE: Route = { screen: 'catalog', id: null };

export function parseHash(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/');
  const known = SCREENS.find((s) => s.id === screen);
  if (!known) return DEFAULT_ROUTE;
  return { screen: known.id, id: id ? decodeURIComponent(id) : null };
}

export function routeHash(route: Route): string {
  return `#/${route.screen}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
}

export class Router {
  route = $state<Route>(DEFAULT_ROUTE);

  constructor(private readonly location: { hash: string } = globalThis.location ?? { hash: '' }) {
    this.route = parseHash(location.hash);
  }

  /** Called on hashchange. */
  sync(): void {
    this.route = parseHash(this.location.hash);
  }

  go(screen: ScreenId, id: string | null = null): void {
    const next = { screen, id };
    this.location.hash = routeHash(next);
    this.route = next;
  }
}
