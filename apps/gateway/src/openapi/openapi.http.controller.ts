import { Controller } from '@nestjs/common';
import { In, Route, type RouteInput } from '../http/route';
import { buildOpenApiDocument } from './openapi.document';
import { openApiRoutes as routes } from './openapi.routes';
import { allRoutes } from './route.catalogue';

@Controller()
export class OpenApiHttpController {
  private document: Record<string, unknown> | undefined;

  @Route(routes.document)
  get(@In() _input: RouteInput<typeof routes.document>) {
    this.document ??= buildOpenApiDocument(allRoutes());
    return this.document;
  }
}
