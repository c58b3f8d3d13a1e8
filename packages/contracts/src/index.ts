export * from './attempts';
export * from './auth';
export * from './banks';
export * from './cohorts';
export * from './common';
export * from './exams';
export * from './orgs';
export * from './results';
