import type { LanguageId } from '../model';
import type { LanguageModule } from './languageModule';
import { pythonModule } from './python';
import { javascriptModule, tsxModule, typescriptModule } from './typescript';

// Every supported language, once. Adding a language is adding its module to this list.
export const LANGUAGES: readonly LanguageModule[] = [typescriptModule, tsxModule, javascriptModule, pythonModule];

const byId = new Map<LanguageId, LanguageModule>(LANGUAGES.map((m) => [m.id, m]));
const byExtension = new Map<string, LanguageModule>(LANGUAGES.flatMap((m) => m.extensions.map((e) => [e, m] as const)));

export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(byExtension.keys());

export function languageById(id: LanguageId): LanguageModule {
  const m = byId.get(id);
  if (!m) throw new Error(`unknown language ${id}`);
  return m;
}

export function languageForPath(path: string): LanguageModule | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  return byExtension.get(path.slice(dot).toLowerCase());
}
