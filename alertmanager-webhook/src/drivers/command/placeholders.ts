import type { ActionContext, Plan } from '../driver';

/**
 * Placeholders a command's arguments may contain. Every value is validated before it gets here (pool
 * names by the config schema, sizes are integers, action from a fixed list, fingerprint hex, intent a
 * UUID), and each argument is passed as one argv entry: nothing is ever parsed by a shell.
 */
export const placeholderNames = ['pool', 'from', 'to', 'delta', 'action', 'tier', 'fingerprint', 'intent'] as const;
export type PlaceholderName = (typeof placeholderNames)[number];

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** The placeholder names used in `args` that are not known, for the config schema's error message. */
export function unknownPlaceholders(args: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const arg of args) for (const m of arg.matchAll(PLACEHOLDER)) if (!(placeholderNames as readonly string[]).includes(m[1]!)) unknown.add(m[1]!);
  return [...unknown];
}

/**
 * `{delta}` is negative when the pool shrinks, so an argument that starts with it (`-2`) would be read
 * as an option by getopt-style parsers. It must follow an option name in the same argument
 * (`--delta={delta}`) or come after a `--` argument. The message of each misuse, for the config schema.
 */
export function optionLikePlaceholders(args: readonly string[]): string[] {
  const endOfOptions = args.indexOf('--');
  return args.flatMap((arg, i) =>
    arg.startsWith('{delta}') && (endOfOptions < 0 || i < endOfOptions)
      ? [`args[${i}] starts with {delta}, which is negative when the pool shrinks and would be read as an option; write it as --delta={delta} or after a "--" argument (or use the absolute {to})`]
      : [],
  );
}

export function placeholderValues(pool: string, plan?: Plan, context?: ActionContext): Record<PlaceholderName, string> {
  return {
    pool,
    from: plan ? String(plan.from) : '',
    to: plan ? String(plan.to) : '',
    delta: plan ? String(plan.to - plan.from) : '',
    action: context?.action ?? '',
    tier: context?.tier !== undefined ? String(context.tier) : '',
    fingerprint: context?.fingerprint ?? '',
    intent: context?.intent ?? '',
  };
}

export function fillArgs(args: readonly string[], values: Record<PlaceholderName, string>): string[] {
  return args.map((arg) => arg.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as PlaceholderName] : whole)));
}
