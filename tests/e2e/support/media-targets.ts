/**
 * STUB (player branch) of the store engineer's S3 targets for media.spec.ts: replaced by theirs when
 * media-store is merged. Each target: the instance the instructor uploads to and the one the learner plays from.
 */
export const MEDIA_TARGETS: { name: string; studioURL: string; learnerURL: string }[] = [];
