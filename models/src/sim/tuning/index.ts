export * from './grid';
export * from './select';
