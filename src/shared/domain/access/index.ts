export * from './rule';
export * from './evaluate';
export * from './describe';
export * from './text';
export * from './depth';
