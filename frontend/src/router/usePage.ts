import { useEffect, useState, type ComponentType } from 'react';
import type { RouteDef } from '../routes';

const loaded = new Map<RouteDef, ComponentType>();

/**
 * The route's page component once its code has arrived (null until then). Unlike React.lazy
 * with Suspense, a page shows as soon as its code is there: React holds back a Suspense
 * reveal for up to 300 ms, which would delay every first view of a page.
 */
export function usePage(route: RouteDef, enabled: boolean): ComponentType | null {
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (!enabled || loaded.has(route)) return;
    let live = true;
    void route.load().then((module) => {
      loaded.set(route, module.default);
      if (live) setVersion((v) => v + 1);
    });
    return () => {
      live = false;
    };
  }, [route, enabled]);
  return enabled ? (loaded.get(route) ?? null) : null;
}
