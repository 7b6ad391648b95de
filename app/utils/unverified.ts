/** What an account whose email address is not verified yet is told when it tries something it may not do (docs/auth.md). */
export const UNVERIFIED_MESSAGE =
  "Confirm your email address first: follow the link we emailed you (the banner at the top of the page can send it again).";
