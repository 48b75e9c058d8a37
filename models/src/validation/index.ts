export { fieldIssues, issueLines, type FieldIssue } from './zod-errors';
export { deepFreeze } from './deep-freeze';
