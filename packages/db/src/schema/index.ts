export * from './accounts';
export * from './attempts';
export * from './banks';
export * from './exams';
