export * from './auth';
export * from './common';
export * from './banks';
export * from './attempts';
export * from './orgs';
export * from './exams';
export * from './cohorts';
export * from './results';
