// The OpenAPI document, generated from the same zod schemas the routes parse with.
import { z } from 'zod';
import {
  Acknowledge,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  RequestExtension,
  Review,
  StartDuty,
  Submit,
} from '../common/duty-schema.ts';
import { Directory, DirectoryAgency, PlanDefinition } from '../common/plan-schema.ts';

const schema = (s: z.ZodType): unknown =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const json = (s: z.ZodType) => ({ content: { 'application/json': { schema: schema(s) } } });
const errors = {
  '400': { description: 'Invalid input: the message and `details` name each wrong field' },
  '401': { description: 'Missing or wrong API token' },
  '404': { description: 'Not found' },
  '409': { description: 'Conflict: already exists, or refused by the duty in its current state' },
};
const ok = (description: string) => ({ description });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];

const ACTIONS: [string, z.ZodType, string][] = [
  ['acknowledge', Acknowledge, 'The lead agency acknowledges the duty'],
  ['submit', Submit, 'The lead agency submits the product'],
  ['contributions', Contribute, 'A coordinating agency sends its contribution'],
  ['extension-requests', RequestExtension, 'The lead agency asks for more time'],
  ['extension-decision', DecideExtension, 'The standing agency grants or refuses the extension'],
  ['review', Review, 'The standing agency accepts the product or returns it for revision'],
  ['cancel', Cancel, 'The standing agency cancels the duty'],
  ['reassign', ReassignLead, 'The standing agency gives the duty to another lead agency'],
];

export function openApiDocument(): object {
  const paths: Record<string, object> = {
    '/health': {
      get: {
        summary: 'Temporal and storage health',
        responses: { '200': ok('Healthy'), '503': ok('Degraded') },
      },
    },
    '/api/duties': {
      get: {
        summary: 'Duties from the read model, soonest deadline first',
        parameters: ['planId', 'status', 'agencyId', 'role', 'dueFrom', 'dueTo', 'limit'].map(
          (name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          }),
        ),
        responses: { '200': ok('The duties'), ...errors },
      },
      post: {
        summary: 'Start a duty',
        requestBody: json(StartDuty),
        responses: { '201': ok('Started'), ...errors },
      },
    },
    '/api/duties/{id}': {
      get: {
        summary: "A duty's state, history and ladder",
        parameters: idParam,
        responses: { '200': ok('The duty'), ...errors },
      },
    },
    '/api/plans/import': {
      post: {
        summary:
          'Import a plan definition (JSON or YAML), or an assignment table (multipart `file` + `planId`)',
        parameters: [{ name: 'dryRun', in: 'query', schema: { type: 'boolean' } }],
        requestBody: {
          content: {
            'application/json': { schema: schema(PlanDefinition) },
            'application/yaml': { schema: schema(PlanDefinition) },
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'planId'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  planId: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '200': ok('Dry run, updated or unchanged'),
          '201': ok('Created'),
          '413': ok('File too large'),
          ...errors,
        },
      },
    },
    '/api/plans': { get: { summary: 'Imported plans', responses: { '200': ok('The plans') } } },
    '/api/plans/{id}': {
      get: {
        summary: 'A plan and its resolved duties',
        parameters: idParam,
        responses: { '200': ok('The plan'), ...errors },
      },
    },
    '/api/directory': {
      post: {
        summary: 'Import the agency directory',
        requestBody: json(Directory),
        responses: { '200': ok('Imported'), ...errors },
      },
    },
    '/api/agencies': {
      get: { summary: 'The agency directory', responses: { '200': ok('Agencies') } },
      post: {
        summary: 'Add an agency',
        requestBody: json(DirectoryAgency),
        responses: { '201': ok('Created'), ...errors },
      },
    },
    '/api/agencies/{id}': {
      get: {
        summary: 'An agency',
        parameters: idParam,
        responses: { '200': ok('The agency'), ...errors },
      },
      put: {
        summary: 'Replace an agency',
        parameters: idParam,
        requestBody: json(DirectoryAgency),
        responses: { '200': ok('Replaced'), ...errors },
      },
      delete: {
        summary: 'Remove an agency',
        parameters: idParam,
        responses: { '204': ok('Removed'), ...errors },
      },
    },
  };
  for (const [path, body, summary] of ACTIONS) {
    paths[`/api/duties/{id}/${path}`] = {
      post: {
        summary,
        parameters: idParam,
        requestBody: json(body),
        responses: { '200': ok('The duty after the action'), ...errors },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Theo dõi nhiệm vụ giảm nghèo API', version: '0.1.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
