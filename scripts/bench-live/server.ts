/**
 * The bench:live server, run in a child process (`bench-live.ts --server`): the API on a random
 * port (jobs processed there too) under the bench's BullMQ prefix, and with BENCH_BASELINE=1 a bare
 * HTTP endpoint that only emits one socket.io event to a bailleur's room.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function runServer(): Promise<void> {
  const { Body, Controller, HttpCode, Inject, Module, Post } = await import('@nestjs/common');
  const { ModuleRef } = await import('@nestjs/core');
  const { Test } = await import('@nestjs/testing');
  const { getSharedConfigToken } = await import('@nestjs/bullmq');
  const { IsInt, IsUUID, Min } = await import('class-validator');
  const { loadConfig } = await import('@aiguillage/core');
  const { redisConnection } = await import('@aiguillage/core/platform/jobs/bullmq-job-runner');
  const { ApiModule } = await import('../../apps/api/src/api.module');
  const { setupApp } = await import('../../apps/api/src/setup-app');
  const { Public } = await import('../../apps/api/src/auth/auth.decorators');
  const { EventsGateway } = await import('../../apps/api/src/events/events.gateway');
  const { roomOfBailleur } = await import('../../apps/api/src/events/events.types');

  class PingDto {
    @IsUUID() bailleurId: string;
    @IsInt() @Min(0) seq: number;
  }

  /** The baseline: authenticated by nothing, stores nothing, emits one event to the bailleur's room. */
  @Controller('bench')
  class BaselineController {
    private live?: InstanceType<typeof EventsGateway>;

    constructor(@Inject(ModuleRef) private readonly moduleRef: InstanceType<typeof ModuleRef>) {}

    @Public()
    @Post('baseline')
    @HttpCode(204)
    ping(@Body() body: PingDto): void {
      this.live ??= this.moduleRef.get(EventsGateway, { strict: false });
      // An event outside the map: the untyped server.
      const server = this.live.server as unknown as import('socket.io').Server;
      server.to(roomOfBailleur(body.bailleurId)).emit('bench.ping', { seq: body.seq });
    }
  }

  @Module({ controllers: [BaselineController] })
  class BaselineModule {}

  const databaseUrl = process.env.DATABASE_URL!;
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    JWT_SECRET: process.env.BENCH_JWT_SECRET!,
    DEMO_ENABLED: 'false',
    LOG_LEVEL: 'error',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-bench-')),
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ApiModule.forRoot({ config, databaseUrl, processJobs: true }),
      ...(process.env.BENCH_BASELINE === '1' ? [BaselineModule] : []),
    ],
  })
    .overrideProvider(getSharedConfigToken())
    .useValue({ connection: redisConnection(REDIS_URL), prefix: process.env.BENCH_PREFIX })
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  process.send?.({ ready: true, url: `http://127.0.0.1:${port}` });
  process.on('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}
