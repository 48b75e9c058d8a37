// the wire helpers alone: the models index loads TensorFlow, which the webhook does not need
import { preview } from '@shadowfleet/models/wire';
import type { z } from 'zod';

const MAX_SHOWN = 60;
const show = (value: unknown): string => preview(value, MAX_SHOWN);

/** `alerts[0].fingerprint` style paths. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(body)' : out;
}

/** One line per issue: the field, the problem and (when zod reported it) the value that was given. */
export function describeIssues(error: z.ZodError, limit = 10): string[] {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const given = 'input' in issue && issue.input !== undefined && issue.code !== 'unrecognized_keys' ? `, got ${show(issue.input)}` : '';
    return `${issuePath(issue.path)}: ${issue.message}${given}`;
  });
  if (error.issues.length > limit) lines.push(`… and ${error.issues.length - limit} more`);
  return lines;
}
