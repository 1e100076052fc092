import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'crypto';
import { DemoLoadedProcessor, JobRunner, JobsModule, ProcessorsModule } from '@aiguillage/core';
import { createTestApi } from './api-test-app';

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

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('délai dépassé');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
    await until(() => handled.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handled).toEqual([payload, { ...payload, seed: 2 }]);
    expect(() => producer.get(DemoLoadedProcessor)).toThrow();
  });

  it('refuses job ids BullMQ cannot store', async () => {
    await expect(producer.get(JobRunner).add('demo.loaded', payload, { jobId: 'a:b' })).rejects.toThrow(/Identifiant de tâche invalide/);
  });

  it('makes /api/health answer 503 with the queue down when Redis does not answer', async () => {
    const api = await createTestApi({ REDIS_URL: 'redis://127.0.0.1:1', DEMO_ENABLED: 'false' });
    try {
      const response = await api.http.get('/api/health');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'error', database: 'up', queue: 'down' });
    } finally {
      await Promise.race([api.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    }
  }, 60_000);
});
