/**
 * The exam builder: an exam from a preset (its unconfirmed facts as settings) or from a custom
 * blueprint, over some banks, in a mode. Form values are kept as typed (strings) and turned into
 * the request body only when it is sent, so the server's field paths point at what was typed.
 * The supply check tells, per domain, what the banks hold against what the blueprint needs.
 */
import type { BankInfo, ExamInfo, ExamMode, PresetInfo, SupplyReport } from '@coderprep/contracts';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ApiClient, fieldErrors } from '../../api/client';
import { errorMessage } from '../admin/common';
import { type ExamBody, examsApi, type SupplyBody } from './api';

export const ITEM_TYPES = ['multiple-choice', 'multiple-response', 'fill-in', 'scenario'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
type PresetId = PresetInfo['id'];

export interface RuleDraft {
  key: string;
  /** What the rule draws by: a domain, a tag, or any domain. */
  by: 'domain' | 'tag' | 'any';
  value: string;
  count: string;
  /** None = any type. */
  types: ItemType[];
}

export interface SectionDraft {
  key: string;
  id: string;
  title: string;
  minutes: string;
  mayReturn: boolean;
  shuffleItems: boolean;
  shuffleOptions: boolean;
  pretestCount: string;
  rules: RuleDraft[];
}

export interface CustomDraft {
  clockMode: 'shared' | 'per-section';
  limitMinutes: string;
  passPercent: string;
  /** Minutes left at which students are warned, comma-separated. */
  warningMinutes: string;
  sections: SectionDraft[];
}

export interface PresetSettings {
  limitMinutes: string;
  passPercent: string;
  warningMinutes: string;
  domainCounts: Record<string, string>;
}

export interface BuilderState {
  loadStatus: 'loading' | 'ready' | 'failed';
  presets: PresetInfo[];
  banks: BankInfo[];
  name: string;
  mode: ExamMode;
  bankIds: string[];
  source: 'preset' | 'custom';
  presetId: PresetId | null;
  settings: PresetSettings;
  custom: CustomDraft;

  supply: SupplyReport | null;
  /** The supply body the report answers (JSON), to tell when it is out of date. */
  supplyFor: string | null;
  supplyStatus: 'idle' | 'checking' | 'done' | 'failed';
  /** Field messages of the last supply check and of the last save. */
  supplyErrors: Record<string, string>;
  saveErrors: Record<string, string>;
  /** Why the last supply check failed, when no field is to blame. */
  supplyError: string | null;
  error: string | null;
  saving: boolean;
  /** The banks cannot fill the blueprint: saving needs a second, deliberate click. */
  confirmShortage: boolean;

  load(): Promise<void>;
  set(patch: Partial<Pick<BuilderState, 'name' | 'mode' | 'source'>>): void;
  toggleBank(bankId: string, on: boolean): void;
  choosePreset(id: PresetId): void;
  setSetting(patch: Partial<Omit<PresetSettings, 'domainCounts'>>): void;
  setDomainCount(domain: string, count: string): void;
  setCustom(patch: Partial<Omit<CustomDraft, 'sections'>>): void;
  addSection(): void;
  updateSection(key: string, patch: Partial<Omit<SectionDraft, 'key' | 'rules'>>): void;
  removeSection(key: string): void;
  addRule(sectionKey: string): void;
  updateRule(sectionKey: string, ruleKey: string, patch: Partial<Omit<RuleDraft, 'key'>>): void;
  removeRule(sectionKey: string, ruleKey: string): void;
  /** Replaces the custom blueprint with a copy of a preset's, to edit freely. */
  copyPreset(id: PresetId): void;
  checkSupply(): Promise<void>;
  /** Checks supply if needed, then creates the exam; null when it did not (see error/confirmShortage). */
  save(options?: { evenIfShort?: boolean }): Promise<ExamInfo | null>;
}

export interface BuilderDeps {
  client: ApiClient;
  orgId: string;
}

// ---------------------------------------------------------------- form values -> body

/** '' -> undefined; anything else -> a number (NaN travels as null, and the server names the field). */
const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** "30, 10" -> [30, 10]. */
export const minutesList = (text: string): number[] =>
  text
    .split(/[,\s]+/)
    .filter((part) => part !== '')
    .map(Number);

const sameList = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/** A blueprint id from an exam name: letters, digits and dashes. */
export function slug(name: string): string {
  const out = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return out || 'custom-exam';
}

/** The preset's overrides: only the settings changed from the preset's own values. */
function overridesOf(preset: PresetInfo, settings: PresetSettings) {
  const out: Record<string, unknown> = {};
  const limit = num(settings.limitMinutes) ?? null;
  if (limit !== preset.blueprint.clock.limitMinutes) out.limitMinutes = limit;
  const pass = num(settings.passPercent);
  if (pass !== preset.blueprint.passPercent) out.passPercent = pass ?? null;
  const warnings = minutesList(settings.warningMinutes);
  if (!sameList(warnings, preset.blueprint.warningMinutes)) out.warningMinutes = warnings;
  const counts: Record<string, number | undefined> = {};
  for (const { domain, count } of preset.domainCounts) {
    const typed = settings.domainCounts[domain] ?? String(count);
    if (num(typed) !== count) counts[domain] = num(typed) ?? Number.NaN;
  }
  if (Object.keys(counts).length > 0) out.domainCounts = counts;
  return out;
}

/** The custom blueprint as the server reads it. */
export function blueprintOf(name: string, custom: CustomDraft) {
  return {
    id: slug(name),
    name: name.trim() || 'Custom exam',
    style: 'custom',
    passPercent: num(custom.passPercent) ?? 70,
    clock: { mode: custom.clockMode, limitMinutes: num(custom.limitMinutes) ?? null },
    warningMinutes: minutesList(custom.warningMinutes),
    sections: custom.sections.map((section) => ({
      id: section.id,
      title: section.title,
      ...(num(section.minutes) !== undefined && { minutes: num(section.minutes) }),
      mayReturn: section.mayReturn,
      shuffleItems: section.shuffleItems,
      shuffleOptions: section.shuffleOptions,
      pretestCount: num(section.pretestCount) ?? 0,
      rules: section.rules.map((rule) => ({
        ...(rule.by === 'domain' && { domain: rule.value.trim() }),
        ...(rule.by === 'tag' && { tag: rule.value.trim() }),
        count: num(rule.count) ?? Number.NaN,
        ...(rule.types.length > 0 && { types: rule.types }),
      })),
    })),
  };
}

/** Where the blueprint comes from, as the request names it. */
function sourceOf(state: BuilderState): Pick<SupplyBody, 'presetId' | 'overrides' | 'blueprint'> {
  if (state.source === 'custom') return { blueprint: blueprintOf(state.name, state.custom) };
  const preset = state.presets.find((p) => p.id === state.presetId);
  if (!preset) return {};
  const overrides = overridesOf(preset, state.settings);
  return { presetId: preset.id, ...(Object.keys(overrides).length > 0 && { overrides }) };
}

/** The supply-check body of the current form. */
export const supplyBodyOf = (state: BuilderState): SupplyBody => ({
  bankIds: state.bankIds,
  ...sourceOf(state),
});

/** The create body of the current form. */
export const examBodyOf = (state: BuilderState): ExamBody => ({
  name: state.name.trim(),
  mode: state.mode,
  ...supplyBodyOf(state),
});

const wholeAtLeast = (text: string, min: number) => {
  const value = num(text);
  return value !== undefined && Number.isInteger(value) && value >= min;
};
const emptyOr = (text: string, ok: (value: number) => boolean) => {
  const value = num(text);
  return value === undefined || (Number.isFinite(value) && ok(value));
};
const minutesOk = (text: string) => minutesList(text).every((m) => Number.isFinite(m) && m > 0);

/**
 * Whether the form says enough for a supply check: banks chosen, and a preset, or a custom
 * blueprint whose every rule names its domain or tag and a number of items (a half-typed
 * blueprint would only earn a 400). A check by hand is still sent: its field messages help.
 */
export function readyToCheck(state: BuilderState): boolean {
  if (state.bankIds.length === 0) return false;
  if (state.source === 'preset') {
    if (state.presetId === null) return false;
    const { settings } = state;
    return (
      emptyOr(settings.limitMinutes, (v) => v > 0) &&
      emptyOr(settings.passPercent, (v) => v >= 0 && v <= 100) &&
      minutesOk(settings.warningMinutes) &&
      Object.values(settings.domainCounts).every((count) => wholeAtLeast(count, 0))
    );
  }
  const { custom } = state;
  const perSection = custom.clockMode === 'per-section';
  const sectionsOk = custom.sections.every(
    (section) =>
      section.title.trim() !== '' &&
      (perSection ? (num(section.minutes) ?? 0) > 0 : true) &&
      emptyOr(section.minutes, (v) => v > 0) &&
      emptyOr(section.pretestCount, (v) => Number.isInteger(v) && v >= 0) &&
      section.rules.length > 0 &&
      section.rules.every(
        (rule) => wholeAtLeast(rule.count, 1) && (rule.by === 'any' || rule.value.trim() !== ''),
      ),
  );
  if (
    !sectionsOk ||
    custom.sections.length === 0 ||
    !emptyOr(custom.limitMinutes, (v) => v > 0) ||
    !emptyOr(custom.passPercent, (v) => v >= 0 && v <= 100) ||
    !minutesOk(custom.warningMinutes)
  )
    return false;
  // The cross-field rules of the engine: budgets within the limit, warnings within the time.
  const limit = num(custom.limitMinutes) ?? null;
  const budgeted = custom.sections.reduce((sum, section) => sum + (num(section.minutes) ?? 0), 0);
  if (limit !== null && budgeted > limit) return false;
  const total = perSection ? (limit ?? budgeted) : limit;
  return total === null || minutesList(custom.warningMinutes).every((m) => m < total);
}

/** True when the shown supply report no longer answers the form. */
export const supplyStale = (state: BuilderState) =>
  state.supplyFor !== null && state.supplyFor !== JSON.stringify(supplyBodyOf(state));

/** Every field message to show: the supply check's, then the save's. */
export const allErrors = (state: BuilderState) => ({ ...state.supplyErrors, ...state.saveErrors });

// ---------------------------------------------------------------- drafts

let nextKey = 0;
const key = (prefix: string) => `${prefix}${++nextKey}`;

export const emptyRule = (): RuleDraft => ({
  key: key('r'),
  by: 'domain',
  value: '',
  count: '10',
  types: [],
});

function newSection(index: number, sections: readonly SectionDraft[]): SectionDraft {
  const taken = new Set(sections.map((s) => s.id));
  let n = index + 1;
  while (taken.has(`section-${n}`)) n += 1;
  return {
    key: key('s'),
    id: `section-${n}`,
    title: `Section ${index + 1}`,
    minutes: '',
    mayReturn: true,
    shuffleItems: true,
    shuffleOptions: false,
    pretestCount: '0',
    rules: [emptyRule()],
  };
}

const settingsOf = (preset: PresetInfo): PresetSettings => ({
  limitMinutes:
    preset.blueprint.clock.limitMinutes === null ? '' : String(preset.blueprint.clock.limitMinutes),
  passPercent: String(preset.blueprint.passPercent),
  warningMinutes: preset.blueprint.warningMinutes.join(', '),
  domainCounts: Object.fromEntries(preset.domainCounts.map(({ domain, count }) => [domain, String(count)])),
});

const emptySettings: PresetSettings = {
  limitMinutes: '',
  passPercent: '70',
  warningMinutes: '30',
  domainCounts: {},
};

function customOfPreset(preset: PresetInfo): CustomDraft {
  const bp = preset.blueprint;
  return {
    clockMode: bp.clock.mode,
    limitMinutes: bp.clock.limitMinutes === null ? '' : String(bp.clock.limitMinutes),
    passPercent: String(bp.passPercent),
    warningMinutes: bp.warningMinutes.join(', '),
    sections: bp.sections.map((section) => ({
      key: key('s'),
      id: section.id,
      title: section.title,
      minutes: section.minutes === undefined ? '' : String(section.minutes),
      mayReturn: section.mayReturn,
      shuffleItems: section.shuffleItems,
      shuffleOptions: section.shuffleOptions,
      pretestCount: String(section.pretestCount),
      rules: section.rules.map((rule) => ({
        key: key('r'),
        by: rule.domain !== undefined ? 'domain' : rule.tag !== undefined ? 'tag' : 'any',
        value: rule.domain ?? rule.tag ?? '',
        count: String(rule.count),
        types: [...(rule.types ?? [])],
      })),
    })),
  };
}

const emptyCustom = (): CustomDraft => ({
  clockMode: 'shared',
  limitMinutes: '120',
  passPercent: '70',
  warningMinutes: '30',
  sections: [newSection(0, [])],
});

// ---------------------------------------------------------------- the store

export function createExamBuilderStore({ client, orgId }: BuilderDeps): StoreApi<BuilderState> {
  const requests = examsApi(client);
  return createStore<BuilderState>()((set, get) => {
    /** Every form change: the shortage confirmation no longer applies. */
    const edit = (patch: Partial<BuilderState> | ((s: BuilderState) => Partial<BuilderState>)) =>
      set((s) => ({ ...(typeof patch === 'function' ? patch(s) : patch), confirmShortage: false }));
    const editSections = (change: (sections: SectionDraft[]) => SectionDraft[]) =>
      edit((s) => ({ custom: { ...s.custom, sections: change(s.custom.sections) } }));
    const editSection = (sectionKey: string, change: (section: SectionDraft) => SectionDraft) =>
      editSections((sections) => sections.map((x) => (x.key === sectionKey ? change(x) : x)));
    let checking = 0;

    return {
      loadStatus: 'loading',
      presets: [],
      banks: [],
      name: '',
      mode: 'exam',
      bankIds: [],
      source: 'preset',
      presetId: null,
      settings: emptySettings,
      custom: emptyCustom(),
      supply: null,
      supplyFor: null,
      supplyStatus: 'idle',
      supplyErrors: {},
      saveErrors: {},
      supplyError: null,
      error: null,
      saving: false,
      confirmShortage: false,

      async load() {
        set({ loadStatus: 'loading', error: null });
        try {
          const [presets, banks] = await Promise.all([requests.presets(), requests.banks(orgId)]);
          const first = presets[0];
          set({
            presets,
            banks,
            loadStatus: 'ready',
            // One bank is the usual case: choose it.
            bankIds: banks.length === 1 && banks[0] ? [banks[0].id] : [],
            presetId: first?.id ?? null,
            settings: first ? settingsOf(first) : emptySettings,
            name: first?.name ?? '',
          });
        } catch (error) {
          set({ loadStatus: 'failed', error: errorMessage(error) });
        }
      },
      set(patch) {
        edit(patch);
      },
      toggleBank(bankId, on) {
        edit((s) => ({
          bankIds: on
            ? [...s.bankIds.filter((id) => id !== bankId), bankId]
            : s.bankIds.filter((id) => id !== bankId),
        }));
      },
      choosePreset(id) {
        const preset = get().presets.find((p) => p.id === id);
        if (!preset) return;
        edit((s) => ({
          presetId: id,
          settings: settingsOf(preset),
          // Follow the preset's name unless one was typed.
          name: !s.name || s.presets.some((p) => p.name === s.name) ? preset.name : s.name,
        }));
      },
      setSetting(patch) {
        edit((s) => ({ settings: { ...s.settings, ...patch } }));
      },
      setDomainCount(domain, count) {
        edit((s) => ({
          settings: { ...s.settings, domainCounts: { ...s.settings.domainCounts, [domain]: count } },
        }));
      },
      setCustom(patch) {
        edit((s) => ({ custom: { ...s.custom, ...patch } }));
      },
      addSection() {
        editSections((sections) => [...sections, newSection(sections.length, sections)]);
      },
      updateSection(sectionKey, patch) {
        editSection(sectionKey, (section) => ({ ...section, ...patch }));
      },
      removeSection(sectionKey) {
        editSections((sections) => sections.filter((s) => s.key !== sectionKey));
      },
      addRule(sectionKey) {
        editSection(sectionKey, (section) => ({ ...section, rules: [...section.rules, emptyRule()] }));
      },
      updateRule(sectionKey, ruleKey, patch) {
        editSection(sectionKey, (section) => ({
          ...section,
          rules: section.rules.map((rule) => (rule.key === ruleKey ? { ...rule, ...patch } : rule)),
        }));
      },
      removeRule(sectionKey, ruleKey) {
        editSection(sectionKey, (section) => ({
          ...section,
          rules: section.rules.filter((rule) => rule.key !== ruleKey),
        }));
      },
      copyPreset(id) {
        const preset = get().presets.find((p) => p.id === id);
        if (preset) edit({ custom: customOfPreset(preset), source: 'custom' });
      },

      async checkSupply() {
        const body = supplyBodyOf(get());
        const asked = JSON.stringify(body);
        const ticket = ++checking;
        if (body.bankIds.length === 0) {
          set({ supply: null, supplyFor: null, supplyStatus: 'idle', supplyErrors: {} });
          return;
        }
        set({ supplyStatus: 'checking' });
        try {
          const supply = await requests.supply(orgId, body);
          // A later check has been asked for: its answer is the one to show.
          if (ticket !== checking) return;
          set({ supply, supplyFor: asked, supplyStatus: 'done', supplyErrors: {}, supplyError: null });
        } catch (error) {
          if (ticket !== checking) return;
          const fields = fieldErrors(error);
          set({
            supply: null,
            supplyFor: null,
            supplyStatus: 'failed',
            supplyErrors: fields,
            supplyError: Object.keys(fields).length > 0 ? null : errorMessage(error),
          });
        }
      },

      async save(options = {}) {
        set({ saving: true, error: null, saveErrors: {} });
        try {
          const state = get();
          if (state.supplyFor !== JSON.stringify(supplyBodyOf(state)) && state.bankIds.length > 0)
            await get().checkSupply();
          const supply = get().supply;
          if (supply && !supply.ok && !options.evenIfShort) {
            set({ confirmShortage: true });
            return null;
          }
          const exam = await requests.createExam(orgId, examBodyOf(get()));
          set({ confirmShortage: false });
          return exam;
        } catch (error) {
          const fields = fieldErrors(error);
          set({
            saveErrors: fields,
            error:
              Object.keys(fields).length > 0
                ? 'The exam could not be saved: correct the marked fields.'
                : errorMessage(error),
          });
          return null;
        } finally {
          set({ saving: false });
        }
      },
    };
  });
}

/** Selects from a builder store. */
export const useBuilder = <T>(store: StoreApi<BuilderState>, selector: (s: BuilderState) => T) =>
  useStore(store, selector);
