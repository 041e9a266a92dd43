'use strict';
// `npm run prebuild`: prebuildify --napi --strip, compiled against the running
// Node's own headers when it ships them. prebuildify starts node-gyp without a
// --nodedir and, for --napi, with --target set to the newest Node it knows, so
// node-gyp would download that release's headers (and fail offline). npm 11 no
// longer promises to forward `nodedir` from .npmrc, so we set it here.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { localNodeDir } = require('./install.cjs');

const env = { ...process.env };
const extra = process.argv.slice(2);
const args = ['--napi', '--strip'];
const configured = env.npm_config_nodedir || env.npm_package_config_node_gyp_nodedir;
const nodedir = configured ? undefined : localNodeDir();
if (nodedir) {
  env.npm_config_nodedir = nodedir;
  // The binary is N-API, so any target works; name the one whose headers we compile against.
  if (!extra.some((arg) => /^(?:-t|--target)\b/.test(arg))) args.push(`--target=${process.versions.node}`);
}

const bin = require.resolve('prebuildify/bin.js', { paths: [path.resolve(__dirname, '..')] });
const result = spawnSync(process.execPath, [bin, ...args, ...extra], { stdio: 'inherit', env });
if (result.error) throw result.error;
process.exitCode = result.status ?? 1;
