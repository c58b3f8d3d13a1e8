export * from './code-audit';
export * from './loader';
