// OTLP/HTTP logs → events (POST /v1/logs).
export { ATTRIBUTE_MAP, mapLogsRequest } from './mapping';
export { decodeLogsRequest, decodeLogsResponse, encodeLogsRequest, otlpFormat } from './proto';
