// The public API of the exam engine. Each module adds its own export line.
export * from './errors';
export * from './ids';
export * from './item';
export * from './random';
export * from './response';
export * from './scoring';
export * from './item-analysis';
export * from './codes';
export * from './codeset';
export * from './grading';
export * from './student-view';
export * from './key-check';
