// The event types a Domain dataset group's recommenders count. Each use case of a domain trains on
// events of one named type (Personalize developer guide, "ECOMMERCE use cases" and
// "VIDEO_ON_DEMAND use cases": "Required event types: At minimum, 1000 `View` events" …), written
// as the guide writes them. An interactions file for a Domain group whose event types are named
// otherwise (view, transaction, add_to_cart) imports, and those recommenders then have nothing to
// train on: the check says which use cases need which type, and what the file has instead.
import type { Domain } from '../core/resources.js';
import { withCommas } from '../core/with-commas.js';

export interface DomainEvent {
  /** the EVENT_TYPE value, spelled as the developer guide spells it */
  type: string;
  /** the use cases that count it */
  useCases: string[];
  /** other names a file may give the same event (lower case) */
  alsoCalled: string[];
}

export const DOMAIN_EVENTS: Record<Domain, DomainEvent[]> = {
  ECOMMERCE: [
    { type: 'View', useCases: ['Most viewed', 'Customers who viewed X also viewed'], alsoCalled: ['view', 'views', 'viewed', 'pageview', 'page_view', 'product_view', 'view_item', 'product_viewed'] },
    { type: 'Purchase', useCases: ['Best sellers', 'Frequently bought together'], alsoCalled: ['purchase', 'purchased', 'buy', 'bought', 'order', 'ordered', 'transaction', 'checkout', 'sale'] },
  ],
  VIDEO_ON_DEMAND: [
    { type: 'Watch', useCases: ['Because you watched X'], alsoCalled: ['watch', 'watched', 'play', 'played', 'stream', 'streamed'] },
  ],
};

/** whether a file's event type `name` is one of `d`'s usual other names (view_item, transaction …; spaces and dashes as _) */
export function alsoCalled(d: DomainEvent, name: string): boolean {
  return d.alsoCalled.includes(name.toLowerCase().replace(/[\s-]+/g, '_'));
}

/** the least count of its events a use case trains on (the guides: "At minimum, 1000 … events") */
export const DOMAIN_EVENT_MIN = 1000;

/**
 * The EVENT_TYPE a file of one kind of event (an order export's purchase, a watch log's watch) gets
 * in a Domain group: the domain's spelling when the domain names that event, else `event` as it is.
 */
export function domainSpelling(event: string, domain: Domain | undefined): string {
  if (!domain) return event;
  const e = event.toLowerCase();
  return DOMAIN_EVENTS[domain].find((d) => d.type.toLowerCase() === e || d.alsoCalled.includes(e))?.type ?? event;
}

/**
 * A warning when a Domain group's interactions name none of a use case's event type (or name it
 * only in another case or under another word); undefined when every type is there, or the file has
 * no event types at all (its missing EVENT_TYPE column is an error of its own).
 */
export function domainEventFinding(domain: Domain | undefined, types: readonly { name: string; count: number }[]): { code: 'DOMAIN_EVENT_TYPES'; message: string } | undefined {
  if (!domain || types.length === 0) return undefined;
  const have = new Map(types.map((t) => [t.name, t.count]));
  const missing = DOMAIN_EVENTS[domain].filter((d) => !have.has(d.type));
  if (missing.length === 0) return undefined;
  const fmt = (n: number) => withCommas(n);
  const parts = missing.map((d) => {
    // what the file calls it, if it does: the same word in another case, else a usual other name
    const near = types.filter((t) => t.name.toLowerCase() === d.type.toLowerCase() || alsoCalled(d, t.name));
    const uses = `${d.useCases.join(' and ')} count${d.useCases.length === 1 ? 's' : ''} ${JSON.stringify(d.type)} events (at least ${fmt(DOMAIN_EVENT_MIN)})`;
    if (near.length === 0) return `${uses}; the file has none`;
    const named = near.map((t) => `${JSON.stringify(t.name)} (${fmt(t.count)})`).join(', ');
    return `${uses}; the file has ${named} — write ${near.length === 1 ? 'it' : 'them'} ${JSON.stringify(d.type)} if ${near.length === 1 ? 'that is' : 'those are'} the same event`;
  });
  const list = types.slice(0, 6).map((t) => `${t.name} ${fmt(t.count)}`).join(', ');
  return {
    code: 'DOMAIN_EVENT_TYPES',
    message: `The ${domain} recommenders train on event types named as the developer guide names them: ${parts.join('; ')}. The file's event types: ${list}${types.length > 6 ? ', …' : ''}.`,
  };
}
