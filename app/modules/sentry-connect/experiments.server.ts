/**
 * Stable A/B assignment for the experiments in app/data/experiments.ts.
 *
 * The first time a user is exposed to an experiment, a hash of
 * "experimentId:userId" picks a variant over the weights and the choice is
 * stored in ExperimentAssignment; from then on the stored variant wins, even if
 * the weights change. A conversion is recorded once, only for assigned users.
 */
import { createHash } from "node:crypto";
import { EXPERIMENTS, findExperiment, type Experiment, type ExperimentId, type ExperimentVariant } from "~/data/experiments.ts";
import { prisma } from "~/utils/db.server.ts";
import { query, sql } from "~/utils/sql.server.ts";

export type {  ExperimentId, ExperimentVariant };

/** A number in [0, 1) from SHA-256("experimentId:userId"): always the same for the pair, evenly spread over users. */
export function hashToUnit(experimentId: string, userId: string): number {
  return createHash("sha256").update(`${experimentId}:${userId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** The variant the weights give this user. Pure: no database, no clock. */
export function pickVariant<V extends Pick<ExperimentVariant, "id" | "weight">>(experiment: { id: string; variants: readonly V[] }, userId: string): V {
  const live = experiment.variants.filter((v) => Number.isFinite(v.weight) && v.weight > 0);
  if (live.length === 0) throw new Error(`Experiment ${experiment.id} has no variant with a positive weight`);
  const total = live.reduce((sum, v) => sum + v.weight, 0);
  let point = hashToUnit(experiment.id, userId) * total;
  for (const variant of live) {
    if (point < variant.weight) return variant;
    point -= variant.weight;
  }
  return live[live.length - 1];
}

function getExperiment(experimentId: string): Experiment {
  const experiment = findExperiment(experimentId);
  if (!experiment) throw new Error(`Unknown experiment "${experimentId}" (see app/data/experiments.ts)`);
  return experiment;
}

/**
 * The variant this user sees. Recorded on first exposure; later calls return the
 * stored variant. (If a stored variant has since been removed from the data, the
 * user sees the hashed pick, but the record keeps what they were first shown.)
 */
export async function assignVariant(userId: string, experimentId: ExperimentId): Promise<ExperimentVariant> {
  const experiment = getExperiment(experimentId);
  const byId = (id: string) => experiment.variants.find((v) => v.id === id);
  const where = { userId_experiment: { userId, experiment: experiment.id } };
  const stored = await prisma.experimentAssignment.findUnique({
    where,
    select: { variant: true },
  });
  if (stored) return byId(stored.variant) ?? pickVariant(experiment, userId);

  const picked = pickVariant(experiment, userId);
  // ON CONFLICT DO NOTHING: two first requests at once record one row.
  await prisma.experimentAssignment.createMany({
    data: [{ userId, experiment: experiment.id, variant: picked.id }],
    skipDuplicates: true,
  });
  const recorded = await prisma.experimentAssignment.findUniqueOrThrow({
    where,
    select: { variant: true },
  });
  return byId(recorded.variant) ?? picked;
}

/**
 * Records that an assigned user converted. Only the first conversion counts;
 * users never exposed to the experiment are ignored. Returns true when this call
 * recorded the conversion.
 */
export async function markConverted(userId: string, experimentId: ExperimentId, at: Date = new Date()): Promise<boolean> {
  const { count } = await prisma.experimentAssignment.updateMany({
    where: { userId, experiment: experimentId, convertedAt: null },
    data: { convertedAt: at },
  });
  return count > 0;
}

type VariantResult = {
  variantId: string;
  /** null for a variant that ran but is no longer in app/data/experiments.ts. */
  headline: string | null;
  weight: number;
  assigned: number;
  converted: number;
  /** converted / assigned; null while nobody is assigned. */
  rate: number | null;
};

export type ExperimentResults = {
  experimentId: string;
  title: string;
  conversion: string;
  variants: VariantResult[];
  total: { assigned: number; converted: number; rate: number | null };
};

/** Assigned and converted users per variant, in the order of the data (retired variants last). */
export async function experimentResults(experimentId: ExperimentId): Promise<ExperimentResults> {
  const experiment = getExperiment(experimentId);
  const rows = await query<{
    variant: string;
    assigned: number;
    converted: number;
  }>(sql`
    SELECT variant, count(*)::int AS assigned, count("convertedAt")::int AS converted
      FROM "ExperimentAssignment"
     WHERE experiment = ${experiment.id}
     GROUP BY variant
     ORDER BY variant`);
  const counts = new Map(rows.map((r) => [r.variant, r]));
  const rate = (converted: number, assigned: number) => (assigned > 0 ? converted / assigned : null);
  const variants: VariantResult[] = [
    ...experiment.variants.map((v) => ({
      id: v.id,
      headline: v.headline as string | null,
      weight: v.weight,
    })),
    ...rows.filter((r) => !experiment.variants.some((v) => v.id === r.variant)).map((r) => ({ id: r.variant, headline: null, weight: 0 })),
  ].map(({ id, headline, weight }) => {
    const assigned = counts.get(id)?.assigned ?? 0;
    const converted = counts.get(id)?.converted ?? 0;
    return {
      variantId: id,
      headline,
      weight,
      assigned,
      converted,
      rate: rate(converted, assigned),
    };
  });
  const assigned = variants.reduce((sum, v) => sum + v.assigned, 0);
  const converted = variants.reduce((sum, v) => sum + v.converted, 0);
  return {
    experimentId: experiment.id,
    title: experiment.title,
    conversion: experiment.conversion,
    variants,
    total: { assigned, converted, rate: rate(converted, assigned) },
  };
}

/** Results of every experiment in the data, for the admin page. */
export async function allExperimentResults(): Promise<ExperimentResults[]> {
  return Promise.all(EXPERIMENTS.map((e) => experimentResults(e.id)));
}
