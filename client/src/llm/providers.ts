import * as vscode from 'vscode';
import { DEFAULT_MODEL_SETTINGS, MODEL_SETTINGS_SECTION, normalizeModelSettings, settingsProblem, type ModelSettings } from './modelSettings';
import { OpenAiProvider } from './openaiProvider';
import type { ModelProvider } from './types';
import { VsCodeModelProvider } from './vscodeProvider';

// Settings and the secret key turned into a provider. The key lives in SecretStorage only.

export const API_KEY_SECRET = 'sparkgraph.model.apiKey';

export function readModelSettings(): ModelSettings {
  const c = vscode.workspace.getConfiguration(MODEL_SETTINGS_SECTION);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_MODEL_SETTINGS)) raw[key] = c.get(key);
  return normalizeModelSettings(raw);
}

export type ProviderChoice = { provider: ModelProvider; settings: ModelSettings } | { provider?: undefined; settings: ModelSettings; problem?: string };

export async function currentProvider(secrets: vscode.SecretStorage): Promise<ProviderChoice> {
  const settings = readModelSettings();
  if (settings.provider === 'none') return { settings };
  const problem = settingsProblem(settings);
  if (problem) return { settings, problem };
  if (settings.provider === 'vscode') return { settings, provider: new VsCodeModelProvider(settings.name) };
  const apiKey = (await secrets.get(API_KEY_SECRET)) || undefined;
  return {
    settings,
    provider: new OpenAiProvider({ baseUrl: settings.baseUrl, model: settings.name, apiKey, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries }),
  };
}

export async function setApiKey(secrets: vscode.SecretStorage): Promise<void> {
  const key = await vscode.window.showInputBox({
    title: 'SparkGraph: model API key',
    prompt: 'Sent as a Bearer token to sparkgraph.model.baseUrl. Stored in VS Code\'s secret storage, never in settings. Leave empty to remove it.',
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return;
  if (key.trim()) {
    await secrets.store(API_KEY_SECRET, key.trim());
    void vscode.window.showInformationMessage('SparkGraph: model API key saved in secret storage.');
  } else {
    await secrets.delete(API_KEY_SECRET);
    void vscode.window.showInformationMessage('SparkGraph: model API key removed.');
  }
}
