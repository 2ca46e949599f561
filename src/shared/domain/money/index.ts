export * from './amount';
export * from './errors';
