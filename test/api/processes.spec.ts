import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** The worker and the Slack bot refuse to start, with a clear French message, when they cannot work. */
function run(entry: string, env: Record<string, string | undefined>) {
  const base: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-proc-')) };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'])
    delete base[key];
  return spawnSync(process.execPath, ['scripts/run.js', entry], {
    cwd: join(__dirname, '..', '..'),
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

it('the worker needs REDIS_URL and DATABASE_URL', () => {
  const result = run('apps/worker/src/main.ts', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('REDIS_URL et DATABASE_URL sont obligatoires');
}, 90_000);

it('the Slack bot exits when it is not configured', () => {
  const result = run('apps/slack-bot/src/main.ts', {});
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('Bot Slack non configuré : renseignez SLACK_BOT_TOKEN et SLACK_SIGNING_SECRET');
}, 90_000);
