export * from './declare.js';
export * from './measures.js';
export * from './monthly.js';
export * from './dated.js';
