import type { FastifyInstance } from 'fastify';
import type { WebApp } from './web-app';

/** What a feature's HTTP routes may use besides their own services. */
export interface RouteDeps {
  /** The fan web app, to answer a page with its own head and status. */
  readonly webApp: WebApp;
}

/**
 * A feature's HTTP routes (pages with server-rendered heads, later webhooks, uploads, media, feeds),
 * registered in their own Fastify scope: the root's limits, security headers and error handling apply.
 */
export type FeatureRoutes = (app: FastifyInstance, deps: RouteDeps) => void | Promise<void>;
