import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";

/**
 * An action's answer to one of several forms on a page (components/forms.tsx
 * `useFormReply`): the form's key and Conform's reply, 400 unless told otherwise.
 */
export function formReply<Extra extends object = object>(form: string, result: SubmissionResult<string[]>, init: number | ResponseInit = 400, extra?: Extra) {
  return data({ form, result, ...(extra as Extra) }, typeof init === "number" ? { status: init } : init);
}
