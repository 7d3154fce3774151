import type { Rng } from './rng';

// Language-neutral shapes of generated functions and classes. Both the TypeScript and the
// Python generators record what they declare here, so later files can call it correctly.

export type ValueType = 'string' | 'number' | 'boolean' | 'list' | 'record';
export type ReturnKind = 'string' | 'number' | 'boolean' | 'void' | 'async';

export interface Param {
  name: string;
  type: ValueType;
}

export interface Signature {
  name: string;
  params: Param[];
  returns: ReturnKind;
}

export interface ClassShape {
  name: string;
  ctor: Param[];
  methods: Signature[];
}

/** Something a body may call: a function (possibly `ns.fn` or `this.m`) or a class to instantiate. */
export type Callee =
  | { kind: 'fn'; path: string; sig: Signature }
  | { kind: 'class'; path: string; shape: ClassShape };

const PARAM_POOL: readonly Param[] = [
  { name: 'id', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'label', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'limit', type: 'number' },
  { name: 'count', type: 'number' },
  { name: 'offset', type: 'number' },
  { name: 'threshold', type: 'number' },
  { name: 'enabled', type: 'boolean' },
  { name: 'strict', type: 'boolean' },
  { name: 'tags', type: 'list' },
  { name: 'payload', type: 'record' },
];

export function randomParams(rng: Rng, min: number, max: number): Param[] {
  return rng.sample(PARAM_POOL, rng.int(min, max));
}

export function randomReturn(rng: Rng, allowAsync: boolean): ReturnKind {
  const kind = rng.weighted({ string: 4, number: 3, boolean: 2, void: 1, async: allowAsync ? 1.5 : 0 });
  return kind;
}
