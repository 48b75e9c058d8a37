import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fieldIssues } from '@shadowfleet/models';
import { DEFAULT_ACTION_DEPTH, urlToAction } from './url-action';

/** One rewrite: requests whose path (and method, when given) match get this action. */
export interface ActionRule {
  readonly pattern: RegExp;
  readonly method?: string;
  /** The action; `$1`…`$9` stand for the pattern's groups. */
  readonly action: string;
}

/** How a request's path becomes an action: the first matching rule, else the path cut to `depth` levels. */
export interface ActionRules {
  readonly depth: number;
  readonly rules: readonly ActionRule[];
}

export const DEFAULT_ACTION_RULES: ActionRules = Object.freeze({ depth: DEFAULT_ACTION_DEPTH, rules: [] });

const ruleSchema = z
  .object({
    match: z.string().min(1, 'must be a regular expression').superRefine((s, ctx) => {
      try {
        new RegExp(s);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `is not a valid regular expression: ${(err as Error).message}` });
      }
    }),
    method: z.string().regex(/^[A-Za-z]{1,16}$/, 'must be an HTTP method such as GET').optional(),
    action: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  })
  .strict();

/** The action rules file (SHADOWFLEET_ACTION_RULES_FILE): `{ "depth": 2, "rules": [{ "match": "^/item/\\d+", "action": "/item/:id" }] }`. */
export const actionRulesSchema = z
  .object({
    depth: z.number().int('must be a whole number').min(0, 'must be >= 0').max(16, 'must be <= 16').default(DEFAULT_ACTION_DEPTH),
    rules: z.array(ruleSchema).max(1000, 'must hold at most 1000 rules').default([]),
  })
  .strict();

/** Parses action rules (an object as in the file); throws naming each bad field. */
export function parseActionRules(raw: unknown, where = 'action rules'): ActionRules {
  const parsed = actionRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = fieldIssues(parsed.error, '(root)').map(({ field, message }) => `  ${field}: ${message}`);
    throw new Error(`invalid ${where}:\n${lines.join('\n')}`);
  }
  const rules = parsed.data.rules.map((r) => ({ pattern: new RegExp(r.match), action: r.action, ...(r.method ? { method: r.method.toUpperCase() } : {}) }));
  return Object.freeze({ depth: parsed.data.depth, rules: Object.freeze(rules) });
}

/** Reads and parses the rules file; the defaults (depth 2, no rules) without one. */
export function loadActionRules(file: string | undefined): ActionRules {
  if (file === undefined) return DEFAULT_ACTION_RULES;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`action rules ${file}: ${(err as Error).message}`);
  }
  return parseActionRules(raw, `action rules ${file}`);
}

/**
 * The action of a request: the first rule whose pattern matches the path (query and fragment cut off,
 * case kept) and whose method, if it names one, is the request's; otherwise urlToAction at the rules'
 * depth. Shared by the file importers, the HAProxy log and OTLP logs.
 */
export function actionOf(url: string, rules: ActionRules = DEFAULT_ACTION_RULES, method?: string): string {
  if (rules.rules.length > 0) {
    const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/, 1)[0]!;
    const upper = method?.toUpperCase();
    for (const rule of rules.rules) {
      if (rule.method !== undefined && rule.method !== upper) continue;
      const m = rule.pattern.exec(path);
      if (m) return rule.action.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '').slice(0, 256);
    }
  }
  return urlToAction(url, rules.depth);
}
