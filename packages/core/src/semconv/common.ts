/** General OpenTelemetry and PostHog keys the mapping reads. */

/** Remote host of the model API. */
export const SERVER_ADDRESS = 'server.address' as const;
/** Remote port of the model API. */
export const SERVER_PORT = 'server.port' as const;
/** HTTP status of the model API response. */
export const HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code' as const;
/** HTTP status (old convention). */
export const HTTP_STATUS_CODE = 'http.status_code' as const;
/** Error class of a failed operation. */
export const ERROR_TYPE = 'error.type' as const;
/** Name of the span event that records an exception. */
export const EXCEPTION_EVENT = 'exception' as const;
/** Exception class. */
export const EXCEPTION_TYPE = 'exception.type' as const;
/** Exception message. */
export const EXCEPTION_MESSAGE = 'exception.message' as const;
/** Exception stack trace. */
export const EXCEPTION_STACKTRACE = 'exception.stacktrace' as const;
/** Log record event name attribute (older SDKs). */
export const EVENT_NAME = 'event.name' as const;

/** Explicit PostHog person id. */
export const POSTHOG_DISTINCT_ID = 'posthog.distinct_id' as const;
/** End-user id. */
export const USER_ID = 'user.id' as const;
/** Session id. */
export const SESSION_ID = 'session.id' as const;

/** SDK name (kept although other telemetry.* resource keys are dropped). */
export const TELEMETRY_SDK_NAME = 'telemetry.sdk.name' as const;
/** SDK version (kept). */
export const TELEMETRY_SDK_VERSION = 'telemetry.sdk.version' as const;
/** Service name. */
export const SERVICE_NAME = 'service.name' as const;

/** Resource key prefixes that are noise on analytics events. */
export const NOISY_RESOURCE_PREFIXES = ['host.', 'process.', 'os.', 'telemetry.'] as const;
/** Resource keys kept although their prefix is noisy. */
export const KEPT_RESOURCE_KEYS: readonly string[] = [TELEMETRY_SDK_NAME, TELEMETRY_SDK_VERSION];
