import type { Plugin } from 'esbuild';

export function patchWebTreeSitter(source: string): string;
export function webTreeSitterPatchPlugin(file: string): Plugin;
