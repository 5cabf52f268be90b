import { LOOP_NUMBER_FIELDS, STAGE_NUMBER_FIELDS, type Model } from './types';

/**
 * The model as a format-1 JSON document, the form written to files, links and
 * storage. Blank cells and empty `next` links are left out (they are the
 * defaults), so documents stay small and read like PRODUCT.md's example.
 */
export function serializeModel(model: Model): Record<string, unknown> {
  const stages = model.stages.map((s) => {
    const out: Record<string, string> = { id: s.id, name: s.name };
    for (const f of STAGE_NUMBER_FIELDS) if (s[f].trim() !== '') out[f] = s[f];
    if (s.next !== null) out.next = s.next;
    return out;
  });
  const loop: Record<string, unknown> = { enabled: model.loop.enabled };
  if (model.loop.entry !== null) loop.entry = model.loop.entry;
  for (const f of LOOP_NUMBER_FIELDS) if (model.loop[f].trim() !== '') loop[f] = model.loop[f];
  return {
    format: model.format,
    version: model.version,
    name: model.name,
    period: model.period,
    horizon: model.horizon,
    currency: model.currency,
    assumptions: model.assumptions.map((a) => ({ ...a })),
    stages,
    loop,
    notes: { ...model.notes },
  };
}
