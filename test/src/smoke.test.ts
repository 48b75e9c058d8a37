// Placeholder so the workspace's jest project is not empty; replaced by real tests as the workspace grows.
import * as api from './index';

it('loads the public surface', () => {
  expect(typeof api).toBe('object');
});
