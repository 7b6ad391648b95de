/** The staff POC workspace's tab navigation (one route per tab under /staff/pocs/:id). */
import { SectionTabs } from "~/components/ui/section-tabs.tsx";
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";

const WORKSPACE_TABS = (["overview", "plan", "phases", "criteria", "team", "gong", "ai", "tech"] as const).map((section) => ({
  to: section === "overview" ? "" : section,
  label: POC_SECTION_LABELS[section],
}));

export function WorkspaceTabs({ pocId }: { pocId: string }) {
  return <SectionTabs label="POC sections" base={`/staff/pocs/${pocId}`} tabs={WORKSPACE_TABS} prefetch="intent" />;
}
