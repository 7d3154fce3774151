import type { Plugin } from 'esbuild';

export function patchWebTreeSitter(source: string): string;
export function webTreeSitterHeapPlugin(file: string): Plugin;
