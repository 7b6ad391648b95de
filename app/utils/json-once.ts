/**
 * Shared, read-only loader data sent to the browser as one JSON string, made
 * once per object: the catalogue's result sets and facets are the same cached
 * objects for every viewer, and Remix's turbo-stream encoding of them cost a
 * tenth (catalogue) to a sixth (search) of a signed-in request's CPU, while a
 * string goes through it almost for free (decision 011). Only for plain JSON
 * data (no Dates, Maps or undefined) that nobody mutates after caching.
 */
import { useMemo } from "react";

/** A JSON string that remembers the type it encodes. */
export type Json<T> = string & { readonly __json?: T };

const made = new WeakMap<object, string>();

/** The JSON of a cached value, computed on its first use. */
export function jsonOnce<T extends object>(value: T): Json<T> {
  let json = made.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    made.set(value, json);
  }
  return json;
}

/** The value back, parsed once per string (the same string on the server and in the browser). */
export function useJson<T>(json: Json<T>): T {
  return useMemo(() => JSON.parse(json) as T, [json]);
}
