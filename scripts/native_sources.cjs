'use strict';
// Prints the native source list (native/sources.txt) for binding.gyp.
const fs = require('node:fs');
const path = require('node:path');

const text = fs.readFileSync(path.join(__dirname, '..', 'native', 'sources.txt'), 'utf8');
const files = text
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => line.split(/\s+/)[1]);
process.stdout.write(`${files.join(' ')}\n`);
