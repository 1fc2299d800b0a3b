/** Tiny files in each data set's native layout, for preset, prepare and CLI tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const review = (id: string, text: string) =>
  `<review>\n<unique_id>\n${id}\n</unique_id>\n<product_name>\nA & B "thing"\n</product_name>\n<rating>\n5.0\n</rating>\n<review_text>\n${text}\n</review_text>\n</review>`;
export const reviewsXml = (texts: readonly string[]) => `<reviews>\n${texts.map((t, i) => review(`id${i}`, t)).join('\n')}\n</reviews>`;

/** Files as `<dataPath>` → content, for every preset (small, but with each layout's quirks). */
export const FIXTURE_FILES: Record<string, string> = {
  'online-shopping-10-cats/online_shopping_10_cats.csv': [
    'cat,label,review',
    '书籍,1,\uFEFF做父母一定要有刘墉这样的心态',
    '手机,0,屏幕坏了,客服不理人',
    '酒店,1,"房间干净,早餐好"',
    '衣服,0,   ',
    '未知,1,不知道是什么',
    '',
  ].join('\n'),
  'waimai-10k/waimai_10k.csv': 'label,review\n1,很快，好吃\n0,"太慢了,饭都凉了"\n0,很一般\n',
  'multi-domain-sentiment/books/positive.review': reviewsXml(['A great novel & a "fine" read.', 'Loved every chapter.']),
  'multi-domain-sentiment/books/negative.review': reviewsXml(['Boring plot.']),
  'multi-domain-sentiment/kitchen/negative.review': reviewsXml(['The blender broke after a week.']),
  'amazon-cells-labelled/amazon_cells_labelled.txt': 'Good case, Excellent value.\t1\nBattery died fast.\t0\n',
  'pricerunner-product-titles/pricerunner_aggregate.csv': '1,apple iphone 8 plus 64gb silver,1,1,Apple iPhone 8 Plus 64GB,2612,Mobile Phones\n13457,loewe 55" uhd tv,157,5524,Loewe 55" DR+,2614,TVs\n9,bosch washer,1,2,Bosch W,2620,Washing Machines\n',
  'amazon-in-products/amazon_cleaned.csv': [
    'product_id,product_name,main_category,sub_category,actual_price,discounted_price,discount_percentage,savings_amount,price_bucket,rating,rating_count',
    'B1,"Cable, USB-C (1m)",Computers&Accessories,USBCables,1099.0,399.0,64.0,700.0,Under 500,4.2,24269.0',
    'B2,Redmi 10 Smartphone,Electronics,Smartphones,1.0,1.0,0.0,0.0,Under 500,4.0,1.0',
    'B3,Classmate Notebook,OfficeProducts,WireboundNotebooks,1.0,1.0,0.0,0.0,Under 500,4.0,1.0',
    '',
  ].join('\r\n'),
  'clinc150/data_full.json': JSON.stringify({
    train: [['book a hotel in paris', 'book_hotel'], ['where is my package', 'order_status']],
    val: [['tell me a joke', 'tell_joke']],
    test: [['my card got declined', 'card_declined'], ['rent a car for me', 'car_rental']],
    oos_train: [['how tall is everest', 'oos']],
    oos_val: [],
    oos_test: [['what is the dow at', 'oos']],
  }),
};

/** Writes FIXTURE_FILES under `root`; returns `root`. */
export function writeFixtures(root: string): string {
  for (const [path, content] of Object.entries(FIXTURE_FILES)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}
