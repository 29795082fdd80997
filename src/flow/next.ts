// "What happens next" after an ACTIVE import, per dataset type (Personalize facts: After an import).
import type { DatasetType, ImportMode } from '../core/resources.js';

/** `replaced`: this import was FULL over existing bulk data. */
export function nextSteps(type: DatasetType | undefined, mode?: ImportMode, replaced = false): string[] {
  const out: string[] = [];
  const filters = 'Filters pick up the new data within 15 minutes.';
  switch (type) {
    case 'INTERACTIONS':
    case 'ACTION_INTERACTIONS':
      out.push(filters);
      out.push('New interactions influence recommendations only after you train a new solution version (bulk imports are not used by the current model).');
      out.push('Real-time events (PutEvents) for existing items are used right away.');
      if (mode === 'FULL' && replaced) out.push('This FULL import replaced the bulk data imported before it.');
      break;
    case 'ITEMS':
    case 'ACTIONS':
      out.push(filters);
      out.push(`New ${type === 'ITEMS' ? 'items' : 'actions'}: User-Personalization picks them up in its automatic update every two hours; other recipes need a new solution version.`);
      break;
    case 'USERS':
      out.push(filters);
      out.push('New users get popular items until they have interactions; new metadata is used after a new solution version.');
      break;
    default:
      out.push(filters);
      out.push('Train a new solution version for the model to use the new data.');
  }
  return out;
}
