import type { IncomingMessage } from 'node:http';
import { bearerToken, unauthorized } from '../http/auth';
import type { Project, Projects } from '../projects';

/** The project of `Authorization: Bearer <read key>`; project tokens only write. */
export function readerProject(request: IncomingMessage, projects: Projects): Project {
  const key = bearerToken(request);
  if (key === undefined)
    throw unauthorized('missing read key: send Authorization: Bearer <read key>');
  const project = projects.forReadKey(key);
  if (project) return project;
  if (projects.isToken(key))
    throw unauthorized("project tokens can only write: read with the project's read key");
  throw unauthorized('unknown read key');
}
