// Ingest: POST /v1/events and /v1/users, one wire schema, bearer auth.
export { ingestRouter, type IngestOptions } from './router';
export { requireBearer } from './auth';
export { wireEventSchema, wireUserSchema, toIncoming, toUser, timestampSchema, type WireEvent } from './wire-schema';
export { validateBatch, type RecordProblem, type BatchResult } from './validate';
