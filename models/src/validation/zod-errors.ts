import type { z } from 'zod';

/** One problem with an input: the field it names ("arms.2.hosts") and what is wrong with it. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

type Issue = z.ZodError['issues'][number];

function isMissing(issue: Issue): boolean {
  return issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
}

/**
 * The one reading of a zod error for models and the exporter (the webhook keeps its Alertmanager-facing
 * describeIssues): each issue as a dotted field path (`root` for the value
 * itself) and its message; a missing field "is required", each unknown key "is not a known field".
 */
export function fieldIssues(error: z.ZodError, root: string): FieldIssue[] {
  const field = (path: readonly PropertyKey[]): string => (path.length > 0 ? path.map(String).join('.') : root);
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: field([...issue.path, key]), message: 'is not a known field' }));
    return [{ field: field(issue.path), message: isMissing(issue) ? 'is required' : issue.message }];
  });
}

/** `field: message`, one line per issue. */
export function issueLines(error: z.ZodError, root: string): string[] {
  return fieldIssues(error, root).map((i) => `${i.field}: ${i.message}`);
}
