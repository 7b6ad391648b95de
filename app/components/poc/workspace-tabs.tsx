/** The staff POC workspace's tab navigation (one route per tab under /staff/pocs/:id). */
import { SectionTabs } from "~/components/ui/section-tabs.tsx";

const WORKSPACE_TABS = [
  { to: "", label: "Overview" },
  { to: "plan", label: "Mutual Action Plan" },
  { to: "phases", label: "Phases and tasks" },
  { to: "criteria", label: "Success criteria" },
  { to: "team", label: "Team" },
  { to: "gong", label: "Gong calls" },
  { to: "ai", label: "AI value framework" },
  { to: "tech", label: "Tech stack and docs" },
] as const;

export function WorkspaceTabs({ pocId }: { pocId: string }) {
  return <SectionTabs label="POC sections" base={`/staff/pocs/${pocId}`} tabs={WORKSPACE_TABS} prefetch="intent" />;
}
