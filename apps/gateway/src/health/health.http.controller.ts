import { Controller, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { In, Route, type RouteInput } from '../http/route';
import { healthRoutes as routes } from './health.routes';
import { ReadinessService } from './readiness.service';

@Controller()
export class HealthHttpController {
  constructor(@Inject(ReadinessService) private readonly readiness: ReadinessService) {}

  @Route(routes.live)
  live(@In() _input: RouteInput<typeof routes.live>) {
    return { status: 'ok' as const };
  }

  @Route(routes.ready)
  async ready(@In() _input: RouteInput<typeof routes.ready>, @Res() reply: FastifyReply): Promise<void> {
    const { ready, checks } = await this.readiness.check();
    await reply
      .status(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ok' : 'unavailable', checks });
  }
}
