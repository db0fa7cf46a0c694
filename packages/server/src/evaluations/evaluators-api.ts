/**
 * `/api/evaluators`: create, list, read, replace and delete a project's evaluators (read key),
 * and queue a trial run on the newest generations.
 */
import { randomUUID } from 'node:crypto';
import type { EvaluatorListResponse } from '../api-types';
import { QueryParams } from '../api/query-params';
import type { ReadContext } from '../api/read-context';
import { readerProject } from '../api/read-auth';
import { HttpError, badRequest } from '../http/http-error';
import { readBody } from '../http/read-body';
import { sendJson } from '../http/respond';
import type { RouteContext, RouteHandler } from '../http/router';
import type { EvaluationWorker } from './evaluation-worker';
import type { Evaluator } from './evaluator-types';
import { parseEvaluatorInput } from './validate-evaluator';

const MAX_EVALUATOR_BYTES = 256 * 1024;
const HOUR_MS = 3_600_000;

async function readJson(context: RouteContext): Promise<unknown> {
  const body = await readBody(context.request, { maxBytes: MAX_EVALUATOR_BYTES });
  if (!body.length) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}

export interface EvaluatorsApiContext extends ReadContext {
  worker: EvaluationWorker | undefined;
}

/** The handlers of every evaluator route. */
export function evaluatorsApi(context: EvaluatorsApiContext): Record<string, RouteHandler> {
  const evaluations = () => context.store.evaluationStore();

  const find = async (project: string, id: string): Promise<Evaluator> => {
    const evaluator = await evaluations().getEvaluator(project, id);
    if (!evaluator) throw new HttpError(404, `no evaluator "${id}" in this project`);
    return evaluator;
  };

  const withCounts = async (project: string, evaluators: Evaluator[]) => {
    const counts = await evaluations().jobCounts(project);
    return evaluators.map((evaluator) => ({
      ...evaluator,
      queue: counts.find((item) => item.evaluatorId === evaluator.id) ?? {
        evaluatorId: evaluator.id,
        pending: 0,
        running: 0,
        done: 0,
        skipped: 0,
        failed: 0,
      },
    }));
  };

  return {
    list: async ({ request, response }) => {
      const project = readerProject(request, context.projects);
      const evaluators = await evaluations().listEvaluators(project.id);
      const usage = await evaluations().judgeUsage(project.id, Date.now() - HOUR_MS);
      const answer: EvaluatorListResponse = {
        results: await withCounts(project.id, evaluators),
        judge_last_hour: { calls: usage.calls, cost_usd: usage.costUsd },
        series: await evaluations().resultSeries(project.id, Date.now() - 24 * HOUR_MS),
        worker: context.worker ? 'running' : 'off',
      };
      sendJson(response, 200, answer);
    },
    create: async (route) => {
      const project = readerProject(route.request, context.projects);
      const input = parseEvaluatorInput(await readJson(route));
      const now = Date.now();
      const evaluator: Evaluator = {
        ...input,
        id: randomUUID(),
        project: project.id,
        createdAt: now,
        updatedAt: now,
      };
      await evaluations().saveEvaluator(evaluator);
      sendJson(route.response, 201, evaluator);
    },
    get: async ({ request, response, params }) => {
      const project = readerProject(request, context.projects);
      const evaluator = await find(project.id, params['id']!);
      const [withQueue] = await withCounts(project.id, [evaluator]);
      sendJson(response, 200, {
        ...withQueue,
        jobs: await evaluations().jobs(project.id, evaluator.id, 50),
      });
    },
    replace: async (route) => {
      const project = readerProject(route.request, context.projects);
      const existing = await find(project.id, route.params['id']!);
      const input = parseEvaluatorInput(await readJson(route));
      const evaluator: Evaluator = {
        ...input,
        id: existing.id,
        project: project.id,
        createdAt: existing.createdAt,
        updatedAt: Date.now(),
      };
      await evaluations().saveEvaluator(evaluator);
      sendJson(route.response, 200, evaluator);
    },
    remove: async ({ request, response, params }) => {
      const project = readerProject(request, context.projects);
      await find(project.id, params['id']!);
      await evaluations().deleteEvaluator(project.id, params['id']!);
      sendJson(response, 200, { deleted: params['id'] });
    },
    results: async ({ request, response, url }) => {
      const project = readerProject(request, context.projects);
      const params = new QueryParams(url.searchParams, ['event_uuid']);
      const uuids = (params.string('event_uuid', 200 * 40) ?? '').split(',').filter(Boolean);
      if (uuids.length > 200) throw badRequest('"event_uuid" takes at most 200 uuids');
      const results = await evaluations().resultsFor(project.id, uuids);
      sendJson(response, 200, {
        results: results.map((item) => ({
          event_uuid: item.eventUuid,
          name: item.name,
          label: item.label,
          value: item.value,
        })),
      });
    },
    run: async (route) => {
      const project = readerProject(route.request, context.projects);
      const evaluator = await find(project.id, route.params['id']!);
      const body = (await readJson(route)) ?? {};
      const limit = (body as { limit?: unknown }).limit ?? 10;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw badRequest('"limit" must be a whole number between 1 and 1000');
      if (!context.worker)
        throw new HttpError(
          409,
          'the evaluation worker is off on this server (serve --no-evaluations)',
        );
      const queued = await context.worker.runOnLatest(evaluator, limit);
      sendJson(route.response, 202, { queued });
    },
  };
}
