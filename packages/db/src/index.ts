export * from './accounts';
export * from './audit';
export * from './client';
export * from './schema/index';
export * from './banks';
export * from './attempts';
export * from './results';
