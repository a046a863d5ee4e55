export * from './rule';
export * from './stack-view';
export * from './report';
export type { Suppression } from './evaluate';
export * from './compliance';
export type { LoadProblem } from './terraform-json';
