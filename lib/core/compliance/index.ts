export * from './rule';
export * from './stack-view';
export * from './report';
export type { Suppression } from './evaluate';
export * from './compliance';
