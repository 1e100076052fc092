import type { Type } from '@nestjs/common';
import { DemoBootstrapService } from './demo/demo-bootstrap.service';

/** The use cases every adapter (HTTP, queue, websocket, Slack) calls, provided by the CoreModule. */
export const USE_CASES: Type[] = [DemoBootstrapService];
