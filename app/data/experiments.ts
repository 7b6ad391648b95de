/**
 * A/B tests, as data. Each user is assigned one variant per experiment, once
 * (app/modules/sentry-connect/experiments.server.ts): a hash of "experimentId:userId"
 * spread over the weights, then stored, so changing a weight later only moves
 * users who have not seen the experiment yet. A weight of 0 pauses a variant.
 *
 * The copy is honest: it says what connecting does, never invented numbers or
 * social proof we cannot back up.
 */
export type ExperimentVariant = {
  /** Stored in ExperimentAssignment.variant: never rename a variant that has run. */
  readonly id: string;
  /** Relative share of new users; 0 pauses the variant. */
  readonly weight: number;
  readonly headline: string;
  readonly body: string;
  readonly cta: string;
};

export type Experiment = {
  readonly id: string;
  readonly title: string;
  /** What counts as a conversion, in plain words, for the admin metrics page. */
  readonly conversion: string;
  readonly variants: readonly ExperimentVariant[];
};

export const EXPERIMENTS = [
  {
    id: "sentry-value-prop",
    title: "Sentry Connect value proposition",
    conversion: "Connected a Sentry account after seeing the copy",
    variants: [
      {
        id: "gaps",
        weight: 1,
        headline: "See which Sentry features you're missing",
        body: "Connect your Sentry account and we'll compare your projects with what Sentry can do, then point you to the courses that cover what you haven't set up yet.",
        cta: "Connect your Sentry account",
      },
      {
        id: "time",
        weight: 1,
        headline: "Spend less time debugging: learn what your setup is missing",
        body: "Tracing, Session Replay, profiling, cron monitoring: connect your Sentry account to find out which ones your projects don't use yet, and learn each in a short course.",
        cta: "Find what my setup is missing",
      },
      {
        id: "next-step",
        weight: 1,
        headline: "Learn the next step for your own projects",
        body: "Connect your Sentry account for concrete next steps, such as enabling Session Replay on your React app, each with the course that shows you how.",
        cta: "Get my next steps",
      },
    ],
  },
] as const satisfies readonly Experiment[];

export type ExperimentId = (typeof EXPERIMENTS)[number]["id"];

export const SENTRY_VALUE_PROP: ExperimentId = "sentry-value-prop";

export function findExperiment(id: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}
