/** Short forms of text for labels, used by the charts and the POC workspace. Client-safe. */

/** `label` cut to `max` characters with an ellipsis ("Setting up…"); shorter labels unchanged. */
export function truncate(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** "Kick-off call: goals, scope…": a row's title short enough for an accessible name (the POC workspace's buttons). */
export const shortTitle = (title: string, max = 40) => truncate(title, max);
