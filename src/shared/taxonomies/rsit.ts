// ENISA / TF-CSIRT Reference Security Incident Taxonomy (RSIT): the 11 classes and their incident
// types with descriptions, parsed at import time from rsit.machinetag.json (MISP copy, see README.md).
import { z } from 'zod';
import rsitJson from './rsit.machinetag.json' with { type: 'json' };

/** The class identifiers, in the taxonomy's order. Typed here so that code can switch over them. */
export const RSIT_CLASS_IDS = [
  'abusive-content',
  'malicious-code',
  'information-gathering',
  'intrusion-attempts',
  'intrusions',
  'availability',
  'information-content-security',
  'fraud',
  'vulnerable',
  'other',
  'test',
] as const;

export const RsitClassId = z.enum(RSIT_CLASS_IDS);
export type RsitClassId = z.infer<typeof RsitClassId>;

export interface RsitType {
  /** Machine value, e.g. "phishing". Unique across the taxonomy. */
  id: string;
  /** Human label, e.g. "Phishing". */
  name: string;
  description: string;
  /** MISP machine tag, e.g. `rsit:fraud="phishing"`. */
  machineTag: string;
}

export interface RsitClass {
  id: RsitClassId;
  name: string;
  description: string;
  types: readonly RsitType[];
}

const Predicate = z.object({ value: z.string(), expanded: z.string(), description: z.string().optional() });
const MachineTagFile = z.object({
  namespace: z.literal('rsit'),
  version: z.number().int(),
  predicates: z.array(Predicate),
  values: z.array(z.object({ predicate: z.string(), entry: z.array(Predicate) })),
});

function buildClasses(): readonly RsitClass[] {
  // Parsing (not casting) the JSON makes an upstream format change fail at import, loudly.
  const file = MachineTagFile.parse(rsitJson);
  const known = new Set<string>(RSIT_CLASS_IDS);
  const unknown = file.predicates.filter((p) => !known.has(p.value)).map((p) => p.value);
  if (unknown.length > 0) throw new Error(`rsit.machinetag.json: unknown classes ${unknown.join(', ')}`);
  return RSIT_CLASS_IDS.map((id): RsitClass => {
    const predicate = file.predicates.find((p) => p.value === id);
    if (!predicate) throw new Error(`rsit.machinetag.json: class ${id} is missing`);
    const entries = file.values.find((v) => v.predicate === id)?.entry ?? [];
    return Object.freeze({
      id,
      name: predicate.expanded,
      description: predicate.description ?? predicate.expanded,
      types: Object.freeze(
        entries.map((e) =>
          Object.freeze({
            id: e.value,
            name: e.expanded,
            description: e.description ?? e.expanded,
            machineTag: `rsit:${id}="${e.value}"`,
          }),
        ),
      ),
    });
  });
}

/** Taxonomy version of the bundled file. */
export const RSIT_VERSION: number = MachineTagFile.shape.version.parse(rsitJson.version);

/** Every class with its types, in the taxonomy's order. */
export const rsitClasses: readonly RsitClass[] = Object.freeze(buildClasses());

const byClass = new Map<string, RsitClass>(rsitClasses.map((c) => [c.id, c]));

/** The class with this id (ids are typed, so it always exists). */
export function getRsitClass(id: RsitClassId): RsitClass {
  const found = byClass.get(id);
  if (!found) throw new Error(`unknown RSIT class ${id}`); // unreachable: buildClasses checked every id
  return found;
}

/** The type `typeId` of class `classId`, or null if that class has no such type. */
export function findRsitType(classId: string, typeId: string): RsitType | null {
  return byClass.get(classId)?.types.find((t) => t.id === typeId) ?? null;
}

/** An incident classification: a class and one of its types. */
export const RsitClassification = z
  .object({ class: RsitClassId, type: z.string().min(1).max(64) })
  .strict()
  .refine((v) => findRsitType(v.class, v.type) !== null, {
    message: 'type does not belong to this RSIT class',
    path: ['type'],
  });
export type RsitClassification = z.infer<typeof RsitClassification>;
