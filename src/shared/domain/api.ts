/**
 * Limits of the server's API that its clients shape their calls by. The most calls one batched HTTP request
 * may carry: each call is work the server does for one request, so clients split bigger batches.
 */
export const MAX_CALLS_PER_BATCH = 20;
