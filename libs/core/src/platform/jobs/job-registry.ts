import { Injectable, Logger, SetMetadata, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_NAMES, type JobName, type JobPayloads } from './job-names';

const JOB_HANDLER = 'aiguillage:job-handler';

/** Marks a provider method as the handler of one job name (exactly one handler per name). */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

type Handler = (payload: unknown) => unknown;

/**
 * Finds the `@JobHandler` methods of every provider at boot and refuses to start unless each job
 * name has exactly one. Both runners dispatch through `handle`.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly logger = new Logger(JobRegistry.name);
  private readonly handlers = new Map<JobName, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown> | null;
      if (!prototype) continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, prototype[method] as () => unknown);
        if (!name) continue;
        found.set(name, [...(found.get(name) ?? []), `${(prototype.constructor as { name: string }).name}.${method}`]);
        this.handlers.set(name, (payload) => (instance[method] as Handler).call(instance, payload));
      }
    }
    const problems = [
      ...JOB_NAMES.filter((name) => !found.has(name)).map((name) => `aucun gestionnaire pour la tâche « ${name} »`),
      ...[...found]
        .filter(([, where]) => where.length > 1)
        .map(([name, where]) => `plusieurs gestionnaires pour « ${name} » : ${where.join(', ')}`),
      ...[...found.keys()]
        .filter((name) => !(JOB_NAMES as readonly string[]).includes(name))
        .map((name) => `tâche inconnue « ${name} »`),
    ];
    if (problems.length > 0) throw new Error(`Registre des tâches invalide : ${problems.join(' ; ')}`);
    this.logger.log(`${this.handlers.size} tâche(s) enregistrée(s) : ${[...this.handlers.keys()].join(', ')}`);
  }

  async handle<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<unknown> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`Aucun gestionnaire pour la tâche « ${name} »`);
    return handler(payload);
  }
}
