/** The customer portal's sections, with the staff workspace's names (modules/poc/sections.ts). Client-safe. */
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";

const SECTIONS = ["overview", "plan", "phases", "criteria", "tech", "team"] as const;

export const CUSTOMER_VIEWS = SECTIONS.map((section) => ({ to: section === "overview" ? "" : section, label: POC_SECTION_LABELS[section] }));
