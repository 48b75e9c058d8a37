export * from './bounded';
export * from './strict-json';
