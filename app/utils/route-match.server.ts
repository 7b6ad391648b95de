/**
 * Remix's own URL matching, for the middleware server.ts mounts in front of
 * Remix (the page cache and the render cache's fast path): the router's public
 * `matchRoutes` over the route tree of the build, as the server runtime builds
 * it, so both answer for exactly the routes Remix would run, with its ranking
 * (a static segment beats a parameter) and its case rules. A route opts in to a
 * cache through its `handle` (docs/caching.md).
 */
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

type BuildRoute = ServerBuild["routes"][string];
type RouteNode = Parameters<typeof matchRoutes>[0][number];

/** The build's routes as the tree Remix matches URLs against (server-runtime's createRoutes, without the modules). */
function routeTree(routes: ServerBuild["routes"]): RouteNode[] {
  const byParent = new Map<string, BuildRoute[]>();
  for (const route of Object.values(routes)) {
    const siblings = byParent.get(route.parentId ?? "") ?? [];
    siblings.push(route);
    byParent.set(route.parentId ?? "", siblings);
  }
  const childrenOf = (parentId: string): RouteNode[] =>
    (byParent.get(parentId) ?? []).map(({ id, path, index, caseSensitive }) => (index ? { id, path, index: true, caseSensitive } : { id, path, caseSensitive, children: childrenOf(id) }));
  return childrenOf("");
}

export type RouteMatch = { route: BuildRoute; params: Record<string, string | undefined> };

/**
 * A matcher for the routes whose handle `wants`: the matches from the root down for a
 * pathname when its deepest match wants it, otherwise null. Pathnames whose first
 * segment cannot lead to such a route are refused before matching, so other pages pay
 * nothing for it.
 */
export function optInMatcher(build: ServerBuild, wants: (handle: unknown) => boolean) {
  const tree = routeTree(build.routes);
  const optedIn = Object.values(build.routes).filter((route) => wants(route.module.handle));
  // The first path segment of each opted-in route's full path ("" or ":param": any).
  const firsts = new Set(
    optedIn.map((route) => {
      let first = "";
      for (let r: BuildRoute | undefined = route; r; r = r.parentId ? build.routes[r.parentId] : undefined) if (r.path) first = r.path.split("/")[0];
      return first.startsWith(":") ? "" : first.toLowerCase();
    }),
  );
  return (pathname: string): RouteMatch[] | null => {
    if (firsts.size === 0 || (!firsts.has("") && !firsts.has(pathname.split("/")[1]?.toLowerCase() ?? ""))) return null;
    const matches = matchRoutes(tree, pathname);
    const leaf = matches?.at(-1);
    if (!matches || !leaf || !wants(build.routes[leaf.route.id!]?.module.handle)) return null;
    return matches.map((m) => ({ route: build.routes[m.route.id!], params: m.params }));
  };
}
