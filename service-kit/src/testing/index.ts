export { freePort } from './ports';
