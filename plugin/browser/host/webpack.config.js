// Bundles the host page (host.tsx) with the same React/Grafana packages the plugin builds against.
// Development mode without source maps: this bundle only serves the browser test, so it favours build time.
const path = require('path');

module.exports = {
  mode: 'development',
  devtool: false,
  context: __dirname,
  entry: { host: './host.tsx' },
  output: { path: path.resolve(__dirname, '..', '.host'), filename: '[name].js', clean: true },
  cache: { type: 'filesystem', cacheDirectory: path.resolve(__dirname, '..', '.host-cache') },
  resolve: { extensions: ['.tsx', '.ts', '.js', '.mjs', '.json'], fallback: { fs: false, path: false } },
  module: {
    rules: [
      {
        test: /\.[tj]sx?$/,
        exclude: /node_modules/,
        use: { loader: 'swc-loader', options: { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020', transform: { react: { runtime: 'automatic' } } } } },
      },
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(svg|png|woff2?|ttf|eot)$/, type: 'asset/inline' },
    ],
  },
  performance: { hints: false },
};
