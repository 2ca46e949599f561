import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { systemClock, type Clock } from '@shared/domain/clock';
import { StandInBilling } from './stripe-stand-in-billing';
import { StandInPayments } from './stripe-stand-in-payments';
import {
  StandInRefusal,
  StandInStore,
  type StandInAnswer,
  type StandInObject,
  type StandInParam,
  type StandInParams,
  type StandInRoute,
  type TestPaymentMethodBehaviour,
} from './stripe-stand-in-store';

/**
 * TEST SUPPORT, NOT STRIPE: a local HTTP stand-in for the parts of Stripe's API that StripeRail calls, so the rail
 * can be driven through the real SDK with no network (`new StripeRail({ …, stripeOptions: standIn.stripeOptions })`).
 * It reads form-encoded bodies as the SDK sends them, answers Stripe-shaped JSON, honours `Idempotency-Key` as
 * Stripe documents it, records every request for assertions, and declines Stripe's test payment methods
 * (`pm_card_chargeDeclined`, …) with Stripe's 402 card errors. Never used by production code; passing tests
 * against it say the rail speaks the SDK correctly, not that Stripe agrees.
 */

export interface RecordedStripeRequest {
  readonly method: string;
  /** Without the query string: `/v1/payment_intents`. */
  readonly path: string;
  /** The form body (POST) or query (GET), read back into nested objects: `{ metadata: { fanId: 'f1' } }`. */
  readonly params: StandInParams;
  readonly idempotencyKey: string | null;
  /** Answered from an earlier request with the same idempotency key, without doing anything again. */
  readonly replayed: boolean;
  /** The HTTP status answered (402 for a card decline, as Stripe answers one). */
  readonly status: number;
}

export interface StripeStandInOptions {
  /** Where `created`, trial ends and billing periods are counted from (default: the system clock). */
  readonly clock?: Clock;
}

interface IdempotentResult {
  readonly method: string;
  readonly path: string;
  readonly params: StandInParams;
  readonly answer: StandInAnswer;
}

export class StripeStandIn {
  readonly requests: RecordedStripeRequest[] = [];
  readonly #store: StandInStore;
  readonly #routes: readonly StandInRoute[];
  readonly #server: Server;
  readonly #idempotent = new Map<string, IdempotentResult>();
  #dropNextAnswer = false;

  private constructor(server: Server, clock: Clock) {
    this.#server = server;
    this.#store = new StandInStore(clock);
    this.#routes = [...new StandInPayments(this.#store).routes, ...new StandInBilling(this.#store).routes];
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      // A request that cannot be read (the client went away) is dropped, as a network would.
      this.#serve(req, res).catch(() => res.destroy());
    });
  }

  /** Starts a stand-in on a free port of 127.0.0.1. */
  static async start(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
    const server = createServer();
    const standIn = new StripeStandIn(server, options.clock ?? systemClock);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  /** The SDK options that send its requests here. */
  get stripeOptions(): { host: string; port: number; protocol: 'http' } {
    return { host: '127.0.0.1', port: (this.#server.address() as AddressInfo).port, protocol: 'http' };
  }

  /** The requests made to one method and path (a string is matched exactly, a RegExp against the path). */
  requestsTo(method: string, path: string | RegExp): RecordedStripeRequest[] {
    return this.requests.filter(
      (request) =>
        request.method === method &&
        (typeof path === 'string' ? request.path === path : path.test(request.path)),
    );
  }

  /** The stand-in's objects of one kind (`payment_intent`, `customer`, `price`, …), in the order they were made. */
  objectsOf(kind: string): StandInObject[] {
    return this.#store.ofKind(kind);
  }

  object(id: string): StandInObject | undefined {
    return this.#store.objects.get(id);
  }

  /** Confirms with `paymentMethod` behave as told (Stripe's cards never answer `processing`; bank debits do). */
  definePaymentMethod(paymentMethod: string, behaviour: TestPaymentMethodBehaviour): void {
    this.#store.paymentMethods.set(paymentMethod, behaviour);
  }

  /**
   * The next request is carried out (and its result kept for its idempotency key) but the connection is closed
   * before the answer is sent, as when a network fails on the way back: the SDK retries with the same key.
   */
  dropNextAnswer(): void {
    this.#dropNextAnswer = true;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const params = parseStripeForm(method === 'GET' ? url.search.slice(1) : body);
    const keyHeader = req.headers['idempotency-key'];
    const idempotencyKey = typeof keyHeader === 'string' ? keyHeader : null;
    const { answer, replayed } = this.#answer(req, method, url.pathname, params, idempotencyKey);
    this.requests.push({
      method,
      path: url.pathname,
      params,
      idempotencyKey,
      replayed,
      status: answer.status,
    });
    if (this.#dropNextAnswer) {
      this.#dropNextAnswer = false;
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'request-id': `req_standIn${randomBytes(6).toString('hex')}`,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
    res.end(JSON.stringify(answer.body));
  }

  #answer(
    req: IncomingMessage,
    method: string,
    path: string,
    params: StandInParams,
    idempotencyKey: string | null,
  ): { answer: StandInAnswer; replayed: boolean } {
    if (!/^Bearer sk_(test|live)_\S+$/.test(req.headers.authorization ?? '')) {
      return {
        answer: refusal(401, { type: 'invalid_request_error', message: 'Invalid API Key provided' }),
        replayed: false,
      };
    }
    // Stripe keys POST requests only; a GET is safe to repeat.
    const keyed = method === 'POST' && idempotencyKey !== null;
    const earlier = keyed ? this.#idempotent.get(idempotencyKey) : undefined;
    if (earlier) {
      if (earlier.method !== method || earlier.path !== path || !isDeepStrictEqual(earlier.params, params)) {
        const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`;
        return { answer: refusal(400, { type: 'idempotency_error', message }), replayed: false };
      }
      return { answer: earlier.answer, replayed: true };
    }
    const answer = this.#run(method, path, params);
    // Like Stripe, a result is kept once the request ran: a success or a card decline, not a refused parameter.
    if (keyed && (answer.status < 400 || answer.status === 402)) {
      this.#idempotent.set(idempotencyKey, { method, path, params, answer: structuredClone(answer) });
    }
    return { answer, replayed: false };
  }

  #run(method: string, path: string, params: StandInParams): StandInAnswer {
    try {
      for (const [routeMethod, pattern, handler] of this.#routes) {
        const match = method === routeMethod ? pattern.exec(path) : null;
        // Answer a snapshot: later changes to the stored object must not change an answer kept for a replay.
        if (match) return { status: 200, body: structuredClone(handler(params, match[1] ?? '')) };
      }
      return refusal(404, {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path}). The stand-in answers only what StripeRail calls.`,
      });
    } catch (error) {
      if (error instanceof StandInRefusal) return refusal(error.status, structuredClone(error.error));
      return refusal(500, { type: 'api_error', message: `stand-in fault: ${String(error)}` });
    }
  }
}

function refusal(status: number, error: Record<string, unknown>): StandInAnswer {
  return { status, body: { error } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads Stripe's form encoding (`items[0][price]=price_1&metadata[fanId]=f1`) back into nested objects; a level
 * whose keys are all indexes becomes an array.
 */
export function parseStripeForm(text: string): StandInParams {
  const root: StandInParams = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split(/[[\]]/).filter((segment) => segment !== '');
    let node: StandInParams = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      node = typeof next === 'object' && !Array.isArray(next) ? next : (node[segment] = {});
    });
  }
  return arraysOf(root) as StandInParams;
}

function arraysOf(value: StandInParam): StandInParam {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((key) => [key, arraysOf(value[key] as StandInParam)]));
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => converted[key] as StandInParam);
  }
  return converted;
}
