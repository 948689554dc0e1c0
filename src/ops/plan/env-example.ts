/**
 * `.env.example`, generated from the settings table (src/config.ts) so it documents every setting with its
 * default, plus the variables the production compose file needs for its service images.
 * `npx tsx scripts/settings-table.ts --env-example > .env.example`; a test checks the committed file.
 */
import { SETTINGS } from '../../config.ts';

const show = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v));

/** Settings the production compose file sets itself, per service (a value in .env is overridden). */
export const SET_BY_COMPOSE = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'CHROMA_URL',
  'UPLOAD_DIR',
  'PORT',
  'HOST',
  'WORKER_NUM',
  'WORKER_CONCURRENCY',
  'MAX_MEMORY_PER_CHILD_MB',
  'HARD_MEMORY_LIMIT_MB',
  'CHILD_HEAP_MB',
]);

/** Settings the production compose file requires in .env (it stops, naming them, when they are unset). */
export const REQUIRED_BY_COMPOSE: Readonly<Record<string, string>> = {
  API_KEY: 'Required by docker-compose-production.yml, where the API listens beyond loopback.',
};

export function renderEnvExample(): string {
  const lines = [
    '# ProfAI settings. Copy to .env and uncomment what you change; an unset or empty variable takes the',
    '# default shown. Generated from src/config.ts: `npx tsx scripts/settings-table.ts --env-example`.',
    '',
    '# ── docker-compose-production.yml ─────────────────────────────────────────────────────────────────────',
    '# Password of the PostgreSQL service (required by the compose file). Use URL-safe characters, e.g. the',
    '# output of `openssl rand -hex 24`: it is also part of the DATABASE_URL the compose file builds.',
    'POSTGRES_PASSWORD=',
    '',
  ];
  for (const spec of Object.values(SETTINGS)) {
    const byCompose = SET_BY_COMPOSE.has(spec.env)
      ? ' (Set per service by docker-compose-production.yml.)'
      : '';
    const required = REQUIRED_BY_COMPOSE[spec.env];
    if (required) lines.push(`# ${spec.doc} (${required})`, `${spec.env}=`, '');
    else lines.push(`# ${spec.doc}${byCompose}`, `# ${spec.env}=${show(spec.default)}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
