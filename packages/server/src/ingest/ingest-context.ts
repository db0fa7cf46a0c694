import type { IncomingMessage } from 'node:http';
import type { AiEvent } from '@llm-analytics/core';
import { bearerToken, parseBearer, unauthorized } from '../http/auth';
import { HttpError } from '../http/http-error';
import type { Project, Projects } from '../projects';
import type { EventStore } from '../store/event-store';
import type { LogJoiner, MapSpans } from './log-join';

/** What the ingestion handlers share. */
export interface IngestContext {
  projects: Projects;
  store: EventStore;
  joiner: LogJoiner;
  /** The core pipeline with the server's normalizers, pricing and privacy settings. */
  map: MapSpans;
  /** Server-side pricing for capture events that carry no cost. */
  price: (event: AiEvent) => AiEvent;
  maxBodyBytes: number;
  log: (line: string) => void;
}

/** The project of the request's `Authorization: Bearer <project token>`; 401 otherwise. */
export function writerProject(request: IncomingMessage, projects: Projects): Project {
  return writerProjectForToken(
    bearerToken(request),
    projects,
    'Authorization: Bearer <project token>',
  );
}

/** The project of a gRPC call's `authorization: Bearer <project token>` metadata; 401 otherwise. */
export function writerProjectForMetadata(
  authorization: string | undefined,
  projects: Projects,
): Project {
  return writerProjectForToken(
    parseBearer(authorization),
    projects,
    'the gRPC metadata "authorization: Bearer <project token>"',
  );
}

function writerProjectForToken(
  token: string | undefined,
  projects: Projects,
  how: string,
): Project {
  if (token === undefined) throw unauthorized(`missing project token: send ${how}`);
  const project = projects.forToken(token);
  if (!project) throw unauthorized('unknown project token');
  return project;
}

/**
 * Await a store write; a failure is the server's, not the client's: 503, so exporters and
 * SDKs retry instead of dropping the data.
 */
export async function durably<T>(write: Promise<T>, log: (line: string) => void): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw storeFailure(error, log);
  }
}

/** A store failure as the 503 the client sees, logged once. */
export function storeFailure(error: unknown, log: (line: string) => void): HttpError {
  if (error instanceof HttpError) return error;
  log(`store write failed: ${error instanceof Error ? error.message : String(error)}`);
  return new HttpError(503, 'the event store could not write the data; retry later', {
    'retry-after': '1',
  });
}
