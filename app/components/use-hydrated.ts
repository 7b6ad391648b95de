import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False while rendering on the server and hydrating, true once JavaScript runs: for controls that only work with JS. */
export function useHydrated() {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
