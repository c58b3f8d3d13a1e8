export * from './auth';
export * from './common';
export * from './banks';
export * from './attempts';
export * from './results';
