/** The pure shared domain: money, ids, errors, access rules, posts and the sync protocol. */
export * from './errors';
export * from './ids';
export * from './money';
export * from './access';
export * from './posts/post';
export * from './posts/local-post';
export * from './sync/protocol';
export * from './sync/status';
