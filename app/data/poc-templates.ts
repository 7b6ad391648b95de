/**
 * Default contents of a new POC, as data. Admins edit them at /admin/poc-templates
 * (stored in PocTemplate, which wins over these). Due dates are days after the start.
 */
type MilestoneTemplate = { title: string; side: "SENTRY" | "CUSTOMER"; owner: string; dueInDays: number };
type PhaseTemplate = { name: string; description: string; tasks: { title: string; side: "SENTRY" | "CUSTOMER"; owner: string; dueInDays: number }[] };
type CriterionTemplate = { title: string; description: string; feature: string | null };

export type PocTemplates = { milestones: MilestoneTemplate[]; phases: PhaseTemplate[]; criteria: CriterionTemplate[] };

export const DEFAULT_POC_TEMPLATES: PocTemplates = {
  milestones: [
    { title: "Kick-off call: goals, scope and success criteria agreed", side: "SENTRY", owner: "Solutions engineer", dueInDays: 0 },
    { title: "Technical contacts and test environment named", side: "CUSTOMER", owner: "Engineering lead", dueInDays: 3 },
    { title: "SDK installed in the first project", side: "CUSTOMER", owner: "Engineering lead", dueInDays: 7 },
    { title: "Mid-point review of findings", side: "SENTRY", owner: "Solutions engineer", dueInDays: 14 },
    { title: "Success criteria reviewed together", side: "CUSTOMER", owner: "Executive sponsor", dueInDays: 25 },
    { title: "Decision and commercial next steps", side: "CUSTOMER", owner: "Executive sponsor", dueInDays: 30 },
  ],
  phases: [
    {
      name: "Setup",
      description: "Get events flowing from the applications in scope.",
      tasks: [
        { title: "Create the Sentry organization and invite the team", side: "SENTRY", owner: "Solutions engineer", dueInDays: 1 },
        { title: "Install the SDK and send a test error", side: "CUSTOMER", owner: "Developer", dueInDays: 5 },
        { title: "Upload source maps or debug files from CI", side: "CUSTOMER", owner: "Developer", dueInDays: 7 },
        { title: "Connect source control and the team's chat tool", side: "CUSTOMER", owner: "Engineering lead", dueInDays: 7 },
      ],
    },
    {
      name: "Adoption",
      description: "Turn on the features the success criteria need.",
      tasks: [
        { title: "Enable tracing with a sample rate for the POC", side: "CUSTOMER", owner: "Developer", dueInDays: 10 },
        { title: "Set up issue alerts routed to the owning team", side: "SENTRY", owner: "Solutions engineer", dueInDays: 12 },
        { title: "Create releases and associate commits", side: "CUSTOMER", owner: "Developer", dueInDays: 14 },
      ],
    },
    {
      name: "Validation",
      description: "Prove the value against the success criteria.",
      tasks: [
        { title: "Walk through a real issue from alert to fix", side: "SENTRY", owner: "Solutions engineer", dueInDays: 20 },
        { title: "Collect feedback from the developers who used Sentry", side: "CUSTOMER", owner: "Engineering lead", dueInDays: 24 },
        { title: "Write up results against each success criterion", side: "SENTRY", owner: "Solutions engineer", dueInDays: 27 },
      ],
    },
  ],
  criteria: [
    { title: "Errors from production reach the owning team within minutes", description: "Alerts route new and regressed issues to the right channel.", feature: "alerts" },
    { title: "Readable stack traces for every release", description: "Source maps or debug files uploaded from CI, releases associated with commits.", feature: "source-maps" },
    { title: "Slow transactions are found and explained", description: "Tracing shows the slowest endpoints and their spans.", feature: "tracing" },
    { title: "Front-end errors can be replayed", description: "Session Replay is on for the web app, with privacy masking reviewed.", feature: "session-replay" },
  ],
};
