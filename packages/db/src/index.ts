export * from './accounts';
export * from './client';
export * from './schema/index';
