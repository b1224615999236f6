// Fictional names and codes for seed and demo data. No real person's data is ever seeded.

/** Tongxiang (桐乡市, Jiaxing, Zhejiang) administrative region code, GB/T 2260. */
export const REGION_CODE_TONGXIANG = '330483';

/** ≈ 60 common surnames. */
export const FICTIONAL_SURNAMES: readonly string[] = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周',
  '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹',
  '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈',
  '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '钱', '俞', '屠', '濮',
];

/** ≈ 150 characters common in given names. */
export const FICTIONAL_GIVEN_CHARS: readonly string[] = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力',
  ...'林斌宇浩凯鹏飞鑫波俊峰海燕雪梅琳晨欣怡佳嘉琪瑶婷颖倩雯晓丹蕾慧',
  ...'志国东春晖宁新亮成龙云帆阳昊然子轩睿泽博航宏彬楠诗涵思远哲晴薇',
  ...'一凡若悦雅可心安乐永康德荣鸿毅振兴立群清秋月蓉洁琦瑞祥和顺佩玲',
  ...'熙诚信梓豪铭杭溪蓓蔚霖露翔健锋晶岚卓越逸舒婉琛',
];

function pick<T>(list: readonly T[], rand: () => number): T {
  const item = list[Math.floor(rand() * list.length) % list.length];
  if (item === undefined) throw new RangeError('Cannot pick from an empty list');
  return item;
}

/**
 * A plausible 2- or 3-character name (about 30 % have 2 characters). `rand` returns numbers
 * in [0, 1), e.g. a seeded generator, so seed data is reproducible.
 */
export function makeFictionalName(rand: () => number): string {
  const surname = pick(FICTIONAL_SURNAMES, rand);
  const first = pick(FICTIONAL_GIVEN_CHARS, rand);
  if (rand() < 0.3) return surname + first;
  return surname + first + pick(FICTIONAL_GIVEN_CHARS, rand);
}
