import protobuf from 'protobufjs/minimal';
// The OTLP messages, compiled by the OpenTelemetry JS project from the official opentelemetry-proto
// definitions and shipped in @opentelemetry/otlp-transformer (0.202 is its last release that still
// holds the logs service; later releases encode by hand and cannot decode). docs/ingest-sources.md.
import otlpRoot from '@opentelemetry/otlp-transformer/build/src/generated/root';
import { decodeJsonText } from '@shadowfleet/models/wire';

/** OTLP AnyValue as protobufjs' toObject gives it (int64 as decimal strings, bytes as base64). */
export interface AnyValue {
  readonly stringValue?: string;
  readonly boolValue?: boolean;
  readonly intValue?: string;
  readonly doubleValue?: number;
  readonly arrayValue?: { readonly values?: readonly AnyValue[] };
  readonly kvlistValue?: { readonly values?: readonly KeyValue[] };
  readonly bytesValue?: string;
}
export interface KeyValue {
  readonly key?: string;
  readonly value?: AnyValue;
}
export interface LogRecord {
  readonly timeUnixNano?: string;
  readonly observedTimeUnixNano?: string;
  readonly attributes?: readonly KeyValue[];
}
export interface ResourceLogs {
  readonly resource?: { readonly attributes?: readonly KeyValue[] };
  readonly scopeLogs?: ReadonlyArray<{ readonly logRecords?: readonly LogRecord[] }>;
}
/** The part of an ExportLogsServiceRequest the mapping reads. */
export interface LogsRequest {
  readonly resourceLogs?: readonly ResourceLogs[];
}

interface MessageType {
  decode(reader: Uint8Array): protobuf.Message;
  fromObject(object: Record<string, unknown>): protobuf.Message;
  toObject(message: protobuf.Message, options: protobuf.IConversionOptions): Record<string, unknown>;
  encode(message: protobuf.Message): protobuf.Writer;
}
const logsV1 = (otlpRoot as unknown as { opentelemetry: { proto: { collector: { logs: { v1: Record<string, MessageType> } } } } }).opentelemetry.proto.collector.logs.v1;
const Request = logsV1.ExportLogsServiceRequest!;
const Response = logsV1.ExportLogsServiceResponse!;
const AS_OBJECT: protobuf.IConversionOptions = { longs: String, bytes: String, defaults: false, arrays: false };

/** The two encodings OTLP/HTTP defines, from the Content-Type. */
export function otlpFormat(contentType: string | undefined): 'protobuf' | 'json' | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return undefined;
}

export type DecodedLogs = { readonly ok: true; readonly request: LogsRequest } | { readonly ok: false; readonly message: string };

/** A (decompressed) body → the request, or what is wrong with it (a 400). */
export function decodeLogsRequest(body: Buffer, format: 'protobuf' | 'json'): DecodedLogs {
  try {
    if (format === 'protobuf') return { ok: true, request: Request.toObject(Request.decode(body), AS_OBJECT) as LogsRequest };
    const text = decodeJsonText(body);
    if (!text.ok) return { ok: false, message: text.message };
    const value: unknown = body.length === 0 ? {} : JSON.parse(text.text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'an OTLP/JSON body must be an ExportLogsServiceRequest object ({"resourceLogs": [...]})' };
    return { ok: true, request: Request.toObject(Request.fromObject(value as Record<string, unknown>), AS_OBJECT) as LogsRequest };
  } catch (err) {
    const where = format === 'protobuf' ? 'not a valid OTLP protobuf ExportLogsServiceRequest' : 'not a valid OTLP/JSON ExportLogsServiceRequest';
    return { ok: false, message: `the body is ${where}: ${(err as Error).message.replace('.opentelemetry.proto.collector.logs.v1.', '')}` };
  }
}

/** ExportLogsServiceResponse: partial_success only when records were rejected (the spec leaves it unset otherwise). */
export function encodeLogsResponse(format: 'protobuf' | 'json', rejected: number, errorMessage: string): Buffer | string {
  const object = rejected > 0 ? { partialSuccess: { rejectedLogRecords: rejected, errorMessage } } : {};
  const message = Response.fromObject(object);
  if (format === 'protobuf') return Buffer.from(Response.encode(message).finish());
  return JSON.stringify(Response.toObject(message, { longs: String, defaults: false }));
}

/** An ExportLogsServiceRequest (OTLP/JSON shape: camelCase, int64 as strings) encoded as a client would send it (tests, bench). */
export function encodeLogsRequest(request: Record<string, unknown>, format: 'protobuf' | 'json'): Buffer {
  if (format === 'json') return Buffer.from(JSON.stringify(request));
  return Buffer.from(Request.encode(Request.fromObject(request)).finish());
}

/** A protobuf ExportLogsServiceResponse as plain JSON (tests). */
export function decodeLogsResponse(body: Uint8Array): Record<string, unknown> {
  return Response.toObject(Response.decode(body), { longs: String, defaults: false });
}

/**
 * google.rpc.Status {code = 1, message = 2}, the body OTLP/HTTP answers errors with (protobuf requests);
 * written with protobufjs' Writer, two fields, since the OTLP package does not ship this message.
 */
export function encodeStatus(code: number, message: string): Buffer {
  return Buffer.from(protobuf.Writer.create().uint32(8).int32(code).uint32(18).string(message).finish());
}
