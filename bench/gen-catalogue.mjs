// Generate a catalogue of N matters in the import layout (docs/catalogue.md) on standard output,
// for bench/catalogue.sh. Deterministic (seeded). Lengths follow data/demo-matters.csv and the
// catalogues service centres publish: names of 6-20 characters, 0-3 aliases, 3-10 materials with
// review points, conditions of 2-6 sentences, a legal basis, 0-3 FAQ, 0-2 glossary terms.
// Departments are those of Annex 2 (data/annex2-matters-by-department.csv), which `yichuang demo`
// creates, weighted by the plan's matter counts.
//   node bench/gen-catalogue.mjs 20000 > matters.csv
import { readFileSync } from 'node:fs';

const N = Number(process.argv[2] || 20000);
let seed = 20251124;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

const annex2 = readFileSync(new URL('../data/annex2-matters-by-department.csv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(','));
const weighted = annex2.flatMap((f) => Array(Math.max(1, Number(f[9]))).fill(f[1]));

const objects = ['食品', '药品', '医疗器械', '化妆品', '道路运输', '建筑工程', '公共场所', '排污', '取水', '林木采伐',
  '危险化学品', '烟花爆竹', '特种设备', '民办学校', '养老机构', '出版物', '网络文化', '旅行社', '燃气', '城市道路',
  '户外广告', '住房公积金', '社会保险', '医疗保险', '失业保险', '工伤认定', '不动产', '船舶', '种子', '兽药',
  '饲料', '农药', '广播电视', '娱乐场所', '人防工程', '地名', '档案', '气象', '水土保持', '河道'];
const actions = ['经营许可', '生产许可', '使用登记', '设立登记', '变更登记', '注销登记', '备案', '审批', '核准', '年检',
  '提取', '补贴申领', '资格认定', '证明开具', '延续', '证书补办', '施工许可', '验收备案', '许可证核发', '转移登记'];
const qualifiers = ['', '', '', '（新办）', '（变更）', '（延续）', '（注销）', '（补证）', '（个人）', '（单位）'];
const docs = ['申请表', '营业执照', '居民身份证', '法定代表人身份证明', '授权委托书', '经营场所使用证明', '平面布局图',
  '设备清单', '管理制度文本', '从业人员健康证明', '检测报告', '验收报告', '承诺书', '不动产权证书', '购房合同',
  '劳动合同', '社会保险缴费证明', '户口簿', '结婚证', '出生医学证明', '安全评价报告', '环境影响评价文件'];
const phrases = ['申请人应当依法取得主体资格', '具有与申请事项相适应的场所和设施', '有健全的管理制度和质量安全保障措施',
  '从业人员具备相应的专业知识和技能', '符合国土空间规划和产业政策', '无违法违规记录', '材料真实有效',
  '已按规定缴纳相关费用', '符合国家和地方有关标准和技术规范', '近三年内未发生重大安全事故'];
const reviews = ['核对原件与复印件一致', '加盖单位公章', '在有效期内', '签字齐全', '信息与申请表一致',
  '可通过电子证照库调取的免于提交', '复印件注明“与原件一致”', '检测机构具备相应资质'];
const levels = ['1', '2', '3', '4', '4', '4', '5'];
const uscc = () => '1143' + Array.from({ length: 14 }, () => pick('0123456789ABCDEFGHJKLMNPQRTUWXY')).join('');

function field(v) {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const out = ['code,name,department,type,statutory_days,promised_days,window_class,entered,aliases,theme,conditions,materials,legal_basis,fees,faq,glossary'];
const seen = new Set();
for (let i = 0; i < N; i++) {
  const obj = pick(objects), act = pick(actions);
  let name = obj + act + pick(qualifiers);
  if (seen.has(name)) name += `（${i}）`;
  seen.add(name);
  const code = uscc() + pick(levels) + String(100000000000 + i * 7919 % 899999999999).slice(0, 12);
  const statutory = pick([0, 5, 10, 15, 20, 20, 20, 30, 45, 60]);
  const promised = statutory === 0 ? 0 : int(0, statutory);
  const aliases = Array.from({ length: int(0, 3) }, () => pick([obj + pick(['证', '许可', '办理', '申请']), act, obj + '手续'])).join('|');
  const conditions = Array.from({ length: int(2, 6) }, () => pick(phrases) + '。').join('\n');
  const materials = Array.from({ length: int(3, 10) }, (_, k) => [
    k === 0 ? `${name}申请表` : pick(docs), pick(['原件', '复印件', '原件及复印件']), int(1, 2), rnd() < 0.85 ? 1 : 0,
    rnd() < 0.15 ? 1 : 0, Array.from({ length: int(1, 3) }, () => pick(reviews)).join('；'), rnd() < 0.2 ? '示范文本见窗口' : '',
  ].join('|')).join('\n');
  const faq = Array.from({ length: int(0, 3) }, () => `办理${obj}${act}需要多长时间？|承诺${promised}个工作日内办结，材料齐全的当场受理。`).join('\n');
  const glossary = Array.from({ length: int(0, 2) }, () => `${obj}|依照有关法律法规管理的${obj}类事项。`).join('\n');
  out.push([code, name, pick(weighted), pick(['01', '01', '01', '05', '07', '08', '09', '10', '20', '20']), statutory, promised,
    pick(['无差别', '无差别', '无差别', '分领域', '便民', '专厅', '部门']), rnd() < 0.8 ? 1 : 0, aliases,
    pick(['', '企业开办', '工程建设', '社会保障', '交通运输']), conditions, materials,
    `《中华人民共和国${obj}管理条例》第${int(3, 60)}条；《湖南省${obj}管理办法》第${int(2, 40)}条`,
    pick(['不收费', '不收费', '按国家规定标准收费']), faq, glossary].map(field).join(','));
}
process.stdout.write(out.join('\n') + '\n');
