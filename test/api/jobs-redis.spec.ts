import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'crypto';
import { spawn, type ChildProcess } from 'child_process';
import { createConnection, createServer } from 'net';
import { DemoLoadedProcessor, JobRunner, JobsModule, ProcessorsModule } from '@aiguillage/core';
import { bootApp, waitUntil } from '../helpers/app';

/** The BullMQ runner on the real Redis: same semantics as the in-process one. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `aiguillage-test-${process.pid}-${randomBytes(3).toString('hex')}`;
const payload = { seed: 1, bailleurs: 2, logements: 3, conventions: 4 };

async function redisApp(processJobs: boolean): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [JobsModule.forRoot({ redisUrl: REDIS_URL, prefix, processJobs, handlers: ProcessorsModule })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** A private Redis for the outage test (the shared one is never stopped). */
function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function pingRedis(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

describe('BullMQ job runner (REDIS_URL)', () => {
  let producer: INestApplication;
  let worker: INestApplication;

  beforeAll(async () => {
    producer = await redisApp(false);
    worker = await redisApp(true);
  });
  afterAll(async () => {
    await producer?.close();
    await worker?.close();
  });

  it('hands a job enqueued by one process to the handler of another, once per job id', async () => {
    const runner = producer.get(JobRunner);
    expect(runner.kind).toBe('redis');
    await expect(runner.ping()).resolves.toBe(true);
    await runner.add('demo.loaded', payload, { jobId: 'demo-redis-1' });
    await runner.add('demo.loaded', payload, { jobId: 'demo-redis-1' });
    await runner.add('demo.loaded', { ...payload, seed: 2 }, { jobId: 'demo-redis-2', delay: 200 });
    const handled = worker.get(DemoLoadedProcessor).handled;
    await waitUntil('both jobs handled', () => handled.length >= 2);
    // A later job through the same queue: a second run of demo-redis-1 would have been taken before it.
    const suivant = { ...payload, seed: 3 };
    await runner.add('demo.loaded', suivant, { jobId: 'demo-redis-3' });
    await waitUntil('the later job handled', () => handled.some((p) => p.seed === suivant.seed));
    expect(handled).toEqual([payload, { ...payload, seed: 2 }, suivant]);
    expect(() => producer.get(DemoLoadedProcessor)).toThrow();
  });

  it('refuses job ids BullMQ cannot store', async () => {
    await expect(producer.get(JobRunner).add('demo.loaded', payload, { jobId: 'a:b' })).rejects.toThrow(
      /Identifiant de tâche invalide/,
    );
  });

  it('makes /api/health answer 503 while Redis is down, and 200 again once it is back', async () => {
    const port = await freePort();
    let redis = startRedis(port);
    await waitUntil('Redis answering', () => pingRedis(port));
    const api = await bootApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` }, seed: false });
    try {
      expect((await api.http.get('/api/health')).body).toEqual({ status: 'ok', database: 'up', queue: 'redis' });
      await stopProcess(redis);
      const down = await api.http.get('/api/health');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: 'error', database: 'up', queue: 'down' });
      redis = startRedis(port);
      await waitUntil('API healthy again', async () => (await api.http.get('/api/health')).status === 200, 20_000);
    } finally {
      await api.close();
      await stopProcess(redis);
    }
  }, 60_000);
});
