// "What happens next" after an ACTIVE import, per dataset type (Personalize facts: After an import).
// A Domain dataset group's recommenders are trained by Personalize itself: it retrains the models
// behind them on all the data every 7 days, and Top picks for you / Recommended for you add new items
// every two hours (docs: creating-recommenders). "Train a new solution version" is advice for the
// solutions of a Custom group only.
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';

/** `replaced`: this import was FULL over existing bulk data; `domain`: the dataset group's, when it has one. */
export function nextSteps(type: DatasetType | undefined, mode?: ImportMode, replaced = false, domain?: Domain): string[] {
  const out: string[] = [];
  const filters = 'Filters pick up the new data within 15 minutes.';
  if (domain) {
    out.push(filters);
    const weekly = `Your ${domain} recommenders use it at their next automatic retraining (Personalize retrains them on all the data every 7 days; no solution version to train).`;
    if (type === 'ITEMS') out.push(`New items: Top picks for you and Recommended for you add them within two hours; the other recommenders at their weekly retraining.`);
    else if (type === 'USERS') out.push(`New users get popular items until they have interactions; their metadata is used at the recommenders' weekly retraining.`);
    out.push(weekly);
    if (type === 'INTERACTIONS') out.push('Real-time events (PutEvents) for existing items are used right away.');
    if (mode === 'FULL' && replaced && (type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS')) out.push('This FULL import replaced the bulk data imported before it.');
    out.push('No recommender in this group yet? Create one for your use case (console: Recommenders → Create); it trains on the data imported so far.');
    return out;
  }
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
