// The public API of the exam engine. Each module adds its own export line.

export * from './attempt';
export * from './attempt-grading';
export * from './blueprint';
export * from './clock';
export * from './codes';
export * from './codeset';
export * from './draw';
export * from './errors';
export * from './grading';
export * from './ids';
export * from './item';
export * from './item-analysis';
export * from './key-check';
export * from './presets';
export * from './random';
export * from './response';
export * from './scoring';
export * from './student-view';
