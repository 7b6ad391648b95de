/**
 * The names of a POC's sections, defined once: the staff workspace's tabs and
 * the customer portal's navigation, headings and page titles read the same
 * words (decision 031). Client-safe.
 */
export const POC_SECTION_LABELS = {
  overview: "Overview",
  plan: "Mutual Action Plan",
  phases: "Phases and tasks",
  criteria: "Success criteria",
  team: "Team",
  gong: "Gong calls",
  ai: "AI value framework",
  tech: "Tech stack and docs",
} as const;
