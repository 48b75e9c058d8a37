// policy: the live allocation policy API (GET/PUT /v1/policy, POST /v1/policy/rollback, POST /v1/policy/preview).
export { PolicyStore, POLICY_FILE, MAX_POLICY_VERSIONS, type EffectivePolicy, type PolicyVersion, type PolicySource, type PolicyChange } from './store';
export { PolicyPreviewer, simulatePolicy, PREVIEW_TRACE, type PolicyPreview, type PreviewHistory } from './preview';
export { policyRouter } from './router';
