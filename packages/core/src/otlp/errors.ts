/** Malformed OTLP input (bad protobuf, bad JSON, wrong shapes): the request is a 400. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

/** One span or log record of an otherwise valid request that could not be decoded. */
export interface RejectedItem {
  /** Position of the item in the request, counted across all resources and scopes. */
  index: number;
  /** Why it was rejected (for the OTLP partial-success `error_message`). */
  reason: string;
}

/** A span of an otherwise valid request that could not be decoded. */
export type RejectedSpan = RejectedItem;
/** A log record of an otherwise valid request that could not be decoded. */
export type RejectedLogRecord = RejectedItem;

/** Thrown inside item decoding: rejects that one item, not the request. */
export class ItemRejection extends Error {
  override readonly name = 'ItemRejection';
}
