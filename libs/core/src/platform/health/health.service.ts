import { Injectable } from '@nestjs/common';
import { pingDatabase } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { JobRunner } from '../jobs/job-runner';

export interface HealthReport {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  /** The queue backend, or 'down' when Redis does not answer. */
  queue: 'inline' | 'redis' | 'down';
}

const TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), TIMEOUT_MS).unref()),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobRunner,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, queue] = await Promise.all([
      withTimeout(pingDatabase(this.dataSource), false),
      withTimeout(this.jobs.ping(), false),
    ]);
    return {
      status: database && queue ? 'ok' : 'error',
      database: database ? 'up' : 'down',
      queue: queue ? this.jobs.kind : 'down',
    };
  }
}
