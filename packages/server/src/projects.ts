import type { ProjectConfig } from './types';

/** A project as the server uses it: every field known. */
export type Project = Required<ProjectConfig>;

/** Token and read-key lookups; keeps write tokens and read keys strictly apart. */
export class Projects {
  readonly list: readonly Project[];
  private readonly byToken = new Map<string, Project>();
  private readonly byReadKey = new Map<string, Project>();

  constructor(configs: readonly ProjectConfig[]) {
    if (!configs.length) throw new Error('at least one project is needed');
    const ids = new Set<string>();
    const secrets = new Set<string>();
    this.list = configs.map((config) => {
      const project: Project = {
        id: config.id ?? config.token,
        token: config.token,
        readKey: config.readKey,
      };
      if (!project.token.trim() || !project.readKey.trim())
        throw new Error('a project needs a non-empty token and read key');
      // A value that were both a token and a read key would let a writer read.
      for (const secret of [project.token, project.readKey]) {
        if (secrets.has(secret))
          throw new Error('project tokens and read keys must all differ from each other');
        secrets.add(secret);
      }
      if (ids.has(project.id)) throw new Error(`duplicate project id "${project.id}"`);
      ids.add(project.id);
      this.byToken.set(project.token, project);
      this.byReadKey.set(project.readKey, project);
      return project;
    });
  }

  /** The project a write token belongs to. */
  forToken(token: string | undefined): Project | undefined {
    return token === undefined ? undefined : this.byToken.get(token);
  }

  /** The project a read key belongs to. */
  forReadKey(key: string | undefined): Project | undefined {
    return key === undefined ? undefined : this.byReadKey.get(key);
  }

  isToken(value: string | undefined): boolean {
    return value !== undefined && this.byToken.has(value);
  }
}
