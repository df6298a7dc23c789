'use strict';
// Run with `node --test` in this directory. Not deployed (see .fnctlignore).
const test = require('node:test');
const assert = require('node:assert');
const { summarise } = require('./index.js');

test('counts only the objects of the window, by top-level folder', () => {
  const until = new Date('2026-11-25T07:00:00Z');
  const since = new Date('2026-11-24T07:00:00Z');
  const objects = [
    { Key: 'a/1.csv', Size: 10, LastModified: new Date('2026-11-24T08:00:00Z') },
    { Key: 'a/2.csv', Size: 5, LastModified: new Date('2026-11-25T06:59:59Z') },
    { Key: 'top.txt', Size: 1, LastModified: new Date('2026-11-24T07:00:00Z') },
    { Key: 'a/old.csv', Size: 99, LastModified: new Date('2026-11-24T06:59:59Z') },
    { Key: 'b/new.csv', Size: 99, LastModified: until },
  ];
  assert.deepStrictEqual(summarise(objects, since, until), {
    since: since.toISOString(),
    until: until.toISOString(),
    objects: 3,
    bytes: 16,
    byFolder: { 'a/': 2, '': 1 },
  });
});
