import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DemoLoadedProcessor } from '../../demo/demo-loaded.processor';
import { InlineJobRunner } from './inline-job-runner';
import { JobHandler } from './job-registry';
import type { JobPayloads } from './job-names';
import { JobRunner } from './job-runner';
import { JobsModule } from './jobs.module';
import { ProcessorsModule } from '../../processors.module';

const payload: JobPayloads['demo.loaded'] = { seed: 1, bailleurs: 2, logements: 3, conventions: 4 };

async function inlineApp(handlers: new () => unknown = ProcessorsModule) {
  const moduleRef = await Test.createTestingModule({
    imports: [JobsModule.forRoot({ redisUrl: null, processJobs: true, handlers: handlers as never })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('in-process job runner', () => {
  it('runs each job by its registered handler, once per job id', async () => {
    const app = await inlineApp();
    const runner = app.get(JobRunner);
    expect(runner.kind).toBe('inline');
    await runner.add('demo.loaded', payload, { jobId: 'demo-1' });
    await runner.add('demo.loaded', payload, { jobId: 'demo-1' });
    await runner.add('demo.loaded', { ...payload, seed: 2 });
    await app.get(InlineJobRunner).drain();
    expect(app.get(DemoLoadedProcessor).handled).toEqual([payload, { ...payload, seed: 2 }]);
    await runner.add('demo.loaded', payload, { jobId: 'demo-1' });
    await app.get(InlineJobRunner).drain();
    expect(app.get(DemoLoadedProcessor).handled).toHaveLength(2);
    await app.close();
  });

  it('honours the delay and never runs inside the caller', async () => {
    const app = await inlineApp();
    const handled = app.get(DemoLoadedProcessor).handled;
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await app.get(JobRunner).add('demo.loaded', payload, { delay: 80 });
      expect(handled).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(79);
      expect(handled).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1);
      await app.get(InlineJobRunner).drain();
      expect(handled).toEqual([payload]);
    } finally {
      jest.useRealTimers();
      await app.close();
    }
  });

  it('waits a délai longer than setTimeout allows (30 days) instead of running it at once', async () => {
    const app = await inlineApp();
    const handled = app.get(DemoLoadedProcessor).handled;
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await app.get(JobRunner).add('demo.loaded', payload, { delay: 30 * 86_400_000 });
      await jest.advanceTimersByTimeAsync(29 * 86_400_000);
      expect(handled).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(86_400_000);
      expect(handled).toHaveLength(1);
    } finally {
      jest.useRealTimers();
      await app.close();
    }
  });

  it('refuses job ids BullMQ would refuse', async () => {
    const app = await inlineApp();
    await expect(app.get(JobRunner).add('demo.loaded', payload, { jobId: 'a:b' })).rejects.toThrow(
      /Identifiant de tâche invalide/,
    );
    await expect(app.get(JobRunner).add('demo.loaded', payload, { jobId: '42' })).rejects.toThrow(
      /Identifiant de tâche invalide/,
    );
    await app.close();
  });
});

describe('job registry checked at boot', () => {
  it('refuses to start when a job name has no handler', async () => {
    @Module({})
    class NoHandlers {}
    await expect(inlineApp(NoHandlers)).rejects.toThrow(/aucun gestionnaire pour la tâche « demo.loaded »/);
  });

  it('refuses to start when a job name has two handlers', async () => {
    @Injectable()
    class Duplicate {
      @JobHandler('demo.loaded')
      again(): void {}
    }
    @Module({ providers: [DemoLoadedProcessor, Duplicate] })
    class TwoHandlers {}
    await expect(inlineApp(TwoHandlers)).rejects.toThrow(
      /plusieurs gestionnaires pour « demo.loaded » : DemoLoadedProcessor.onDemoLoaded, Duplicate.again/,
    );
  });
});
