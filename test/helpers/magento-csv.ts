// A Magento 2 store's product export (System → Export → Products, catalog_product.csv) as a shop owner
// brings it: the default scope's row of each product (store_view_code empty) with its categories as
// full paths from the root category ("Default Category/Gear,Default Category/Gear/Bags"), an HTML
// description over several lines, created_at / updated_at in the admin's en_US short format
// ("3/12/20, 10:40 AM"), additional_attributes with "|"; then, for every third product, a row of
// store view "de" right after it: the sku again, only the name and url_key it overrides, the rest
// empty. Configurable products list their variations. Deterministic.

export const MAGENTO_COLUMNS = ['sku', 'store_view_code', 'attribute_set_code', 'product_type', 'categories', 'product_websites', 'name', 'description', 'short_description', 'weight', 'product_online', 'tax_class_name', 'visibility', 'price', 'special_price', 'url_key', 'created_at', 'updated_at', 'additional_attributes', 'qty', 'is_in_stock', 'configurable_variations'];

const cell = (v: string | number) => {
  const s = String(v);
  return /[,"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const CATEGORIES = ['Default Category/Gear,Default Category/Gear/Bags', 'Default Category/Men/Tops/Jackets', 'Default Category/Collections/Eco Friendly,Default Category/Women/Tops/Tees', 'Default Category/Gear/Fitness Equipment'];
const NAMES = ['Joust Duffle Bag', 'Strive Shoulder Pack', 'Crown Summit Backpack', 'Wayfarer Messenger Bag', 'Rival Field Messenger'];

export interface MagentoProduct { sku: string; line: number; category: string; created: string }

/** the export's text, each product's default row (its line, categories, created_at) and the store-view rows' lines */
export function magentoCsv(products: number): { csv: string; products: MagentoProduct[]; storeViewLines: number[] } {
  const lines = [MAGENTO_COLUMNS.join(',')];
  let line = 1;
  const out: MagentoProduct[] = [];
  const views: number[] = [];
  for (let i = 0; i < products; i++) {
    const sku = i % 2 ? `24-MB0${i}` : `MH${String(i + 1).padStart(2, '0')}`;
    const name = `${NAMES[i % NAMES.length]} ${i + 1}`;
    const category = CATEGORIES[i % CATEGORIES.length];
    // month 1–12, day 1–28, 2020–2024, hours 1–12 AM/PM (en_US short: M/d/yy, h:mm a)
    const created = `${(i % 12) + 1}/${(i * 7) % 28 + 1}/${20 + (i % 5)}, ${(i % 12) + 1}:${String((i * 13) % 60).padStart(2, '0')} ${i % 2 ? 'PM' : 'AM'}`;
    const description = `<p>The ${name} can't be beat.</p>\n<ul>\n<li>Dual top handles.</li>\n</ul>`;
    const configurable = i % 4 === 3;
    const values: Record<string, string | number> = {
      sku, attribute_set_code: 'Bag', product_type: configurable ? 'configurable' : 'simple', categories: category, product_websites: 'base', name, description,
      weight: 1, product_online: 1, tax_class_name: 'Taxable Goods', visibility: 'Catalog, Search', price: `${32 + (i % 5) * 13}.00`,
      url_key: name.toLowerCase().replace(/ /g, '-'), created_at: created, updated_at: '11/7/24, 8:42 AM', additional_attributes: 'activity=Gym|Travel,color=Black',
      qty: 10 + i, is_in_stock: 1, configurable_variations: configurable ? `sku=${sku}-XS,size=XS|sku=${sku}-S,size=S` : '',
    };
    lines.push(MAGENTO_COLUMNS.map((c) => cell(values[c] ?? '')).join(','));
    out.push({ sku, line: line + 1, category, created });
    line += 4; // the description spans 4 lines
    if (i % 3 === 2) {
      const de: Record<string, string | number> = { sku, store_view_code: 'de', attribute_set_code: 'Bag', product_type: values.product_type, name: `${name} (DE)`, product_online: 1, url_key: `${values.url_key}-de` };
      lines.push(MAGENTO_COLUMNS.map((c) => cell(de[c] ?? '')).join(','));
      line += 1;
      views.push(line);
    }
  }
  return { csv: `${lines.join('\n')}\n`, products: out, storeViewLines: views };
}
