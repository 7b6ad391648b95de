/**
 * The exercise section for the server's render only. In the browser this module is empty (Remix
 * leaves `.server` modules out of the client build), so the lesson editor loads the section as a lazy
 * chunk there: a plain lesson's page, the common case, doesn't ship it (decision 043, page weight).
 */
export { ExerciseFields } from "./exercise-fields.tsx";
