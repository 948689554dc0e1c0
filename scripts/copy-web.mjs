#!/usr/bin/env node
// Part of `npm run build` (and `prepare`): the web app's files (src/web: plain ES modules, CSS, HTML, no build
// step of their own) go beside the compiled API in dist/web, where src/api/routes/app.ts looks for them.
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/web', { recursive: true, force: true });
cpSync('src/web', 'dist/web', { recursive: true });
