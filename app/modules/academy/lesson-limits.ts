/**
 * The limits of a lesson page's forms (note, post, edit), defined once: the
 * server's schemas (lesson-forms.ts) check them and the page's inputs carry
 * them as attributes. No Zod here: the lesson page validates on the server
 * only, so its JavaScript ships without the validation library (decision 028).
 */
export const NOTE_MAX = 10_000;
export const POST_MIN = 2;
export const POST_MAX = 5000;

/** Conform's `constraint` option: the attributes each form's fields get. */
export const noteConstraint = { body: { maxLength: NOTE_MAX } };
export const postConstraint = { body: { required: true, minLength: POST_MIN, maxLength: POST_MAX } };
