// policy: the allocation policy API (GET/PUT /v1/policy, POST /v1/policy/preview).
export { policySchema, parsePolicy, DEFAULT_POLICY, POLICY_STRATEGIES, type Policy, type FieldIssue } from './schema';
export { PolicyStore, POLICY_FILE, type StoredPolicy } from './store';
export { PolicyPreviewer, policyStrategy, simulatePolicy, PREVIEW_TRACE, type PolicyPreview } from './preview';
export { policyRouter, policyModule } from './router';
