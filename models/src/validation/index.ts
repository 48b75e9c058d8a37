export { fieldIssues, issueLines, type FieldIssue } from './zod-errors';
