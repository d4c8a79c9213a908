// The case (办件) vocabularies as the server spells them (docs/case-flow.md, docs/cases.md), the
// notice URLs and the working-day arithmetic the case lists need.
import { api } from './api.js'
import { centreToday } from './util.js'

// States in the order of the flow; `open`: the case is still being worked on.
export const CASE_STATES = [
  { code: 'received', name: '已收件', open: true },
  { code: 'awaiting_materials', name: '待补正', open: true },
  { code: 'conditionally_accepted', name: '容缺受理', open: true },
  { code: 'accepted', name: '已受理', open: true },
  { code: 'deemed_accepted', name: '视为受理', open: true },
  { code: 'in_review', name: '审查中', open: true },
  { code: 'review_awaiting_materials', name: '审查补正（停止计时）', short: '审查补正', open: true },
  { code: 'suspended', name: '特别程序（停止计时）', short: '特别程序', open: true },
  { code: 'signed', name: '已签批', open: true },
  { code: 'decided', name: '已决定', open: true },
  { code: 'sealed', name: '已用印', open: true },
  { code: 'result_issued', name: '已出件', open: true },
  { code: 'refused', name: '不予受理', open: false },
  { code: 'closed', name: '已办结', open: false },
  { code: 'withdrawn', name: '已撤回', open: false },
  { code: 'terminated', name: '已终止', open: false },
]
const STATE = Object.fromEntries(CASE_STATES.map((s) => [s.code, s]))
export const stateName = (c) => (STATE[c] ? STATE[c].name : c || '')
export const stateShort = (c) => (STATE[c] ? STATE[c].short || STATE[c].name : c || '')
export const STOPPED_STATES = ['review_awaiting_materials', 'suspended']
// Before the decision the applicant may withdraw (docs/case-flow.md, `withdraw`); the public page
// offers it only in these states, and the server decides.
export const WITHDRAWABLE_STATES = [
  'received', 'awaiting_materials', 'conditionally_accepted', 'accepted', 'deemed_accepted',
  'in_review', 'review_awaiting_materials', 'suspended', 'signed',
]
// A case no one acts on any more.
export const FINAL_STATES = ['refused', 'closed', 'withdrawn', 'terminated']

// Tag colour of a state: waiting on the applicant amber, stopped grey, finished green, ended red.
export function stateTag(c) {
  if (['refused', 'withdrawn', 'terminated'].includes(c)) return 'danger'
  if (['closed', 'result_issued'].includes(c)) return 'success'
  if (['awaiting_materials', 'conditionally_accepted'].includes(c)) return 'warning'
  if (STOPPED_STATES.includes(c)) return 'info'
  return 'primary'
}

// Warning levels of the statutory clock (电子监察): 预警 amber, 黄牌 yellow, 红牌 red.
export const WARNING_LEVELS = [
  { code: 'none', name: '正常' },
  { code: 'warn', name: '预警' },
  { code: 'yellow', name: '黄牌' },
  { code: 'red', name: '红牌' },
]
const LEVEL = Object.fromEntries(WARNING_LEVELS.map((l) => [l.code, l.name]))
export const levelName = (c) => LEVEL[c] || (c ? c : '—')

// The legal exclusions that stop the clock (行政许可法 §45), `suspend`'s kind.
export const STOP_KINDS = [
  { code: 'hearing', name: '听证' },
  { code: 'tender', name: '招标' },
  { code: 'auction', name: '拍卖' },
  { code: 'inspection', name: '检验' },
  { code: 'testing', name: '检测' },
  { code: 'quarantine', name: '检疫' },
  { code: 'appraisal', name: '鉴定' },
  { code: 'expert_review', name: '专家评审' },
]
const STOP = Object.fromEntries([{ code: 'supplement', name: '审查补正' }, ...STOP_KINDS].map((k) => [k.code, k.name]))
export const stopKindName = (c) => STOP[c] || c || ''

// Decisions at the window (POST /api/cases `decision`), their shortcut and the notice they print.
export const DECISIONS = [
  { code: 'accept', name: '受理', key: '1', notice: 'accept', noticeName: '受理通知书', type: 'primary' },
  { code: 'refuse', name: '不予受理', key: '2', notice: 'refuse', noticeName: '不予受理决定书', type: 'danger' },
  { code: 'supplement', name: '补正告知', key: '3', notice: 'supplement', noticeName: '补正材料通知书', type: 'warning' },
  { code: 'conditional', name: '容缺受理', key: '4', notice: 'conditional', noticeName: '容缺受理通知书', type: 'warning' },
  { code: 'on_the_spot', name: '即办', key: '5', notice: null, noticeName: '', type: 'success' },
]

// GET /api/cases/{id}/notices/{kind}: accept, refuse, supplement, conditional, decision (PDF).
export const noticeUrl = (id, kind) => `/api/cases/${id}/notices/${kind}`

// The notice of the window's decision, found from the timeline's decision event.
const NOTICE_OF_EVENT = {
  accept: { kind: 'accept', name: '受理通知书' },
  supplement_complete: { kind: 'accept', name: '受理通知书' },
  refuse: { kind: 'refuse', name: '不予受理决定书' },
  request_supplement: { kind: 'supplement', name: '补正材料通知书' },
  accept_conditionally: { kind: 'conditional', name: '容缺受理通知书' },
}
export function windowNotices(detail) {
  const seen = new Set()
  const out = []
  for (const e of detail?.timeline || []) {
    const n = NOTICE_OF_EVENT[e.event]
    if (n && !seen.has(n.kind)) {
      seen.add(n.kind)
      out.push(n)
    }
  }
  return out
}

// The events of the back office and the window after acceptance (docs/case-flow.md). `reason`:
// 'required' | 'optional' | 'none'; `form`: the extra inputs of its dialog.
export const EVENTS = {
  start_review: { name: '签收材料·开始审查', short: '签收材料', type: 'primary', reason: 'none', hint: '签收前台移交的纸质材料（材料流转），进入审查' },
  sign: { name: '审核通过·签批', short: '签批', type: 'primary', reason: 'optional', reasonLabel: '签批意见', hint: '审核完毕，签署意见' },
  decide_grant: { name: '准予许可', type: 'success', reason: 'optional', reasonLabel: '决定说明', hint: '作出准予行政许可决定' },
  decide_refuse: { name: '不予许可', type: 'danger', reason: 'required', reasonLabel: '不予许可的理由', hint: '须说明理由，并告知申请人申请复议或提起诉讼的权利' },
  seal: { name: '用印', type: 'primary', reason: 'none', form: 'seal', hint: '在决定书上加盖行政审批专用章，登记用印台账' },
  request_materials: { name: '补正材料（停止计时）', short: '补正材料', type: 'warning', reason: 'required', reasonLabel: '需补正的材料（一次性告知）', hint: '审查中要求申请人补正，办理时限停止计算' },
  materials_supplied: { name: '补正材料收讫（恢复计时）', short: '补正收讫', type: 'primary', reason: 'none', hint: '申请人补正的材料已收到，恢复计时' },
  suspend: { name: '中止（特别程序）', short: '中止', type: 'warning', reason: 'required', form: 'suspend', reasonLabel: '事由及所需时间（书面告知申请人）', hint: '听证、检验、检测、鉴定、专家评审等不计入办理时限' },
  resume: { name: '恢复（特别程序结束）', short: '恢复', type: 'primary', reason: 'none', hint: '特别程序结束，恢复计时' },
  request_extension: { name: '申请延期', type: 'warning', reason: 'required', reasonLabel: '申请延期的理由（报部门负责人批准）', hint: '报本部门负责人批准延长 10 个工作日（联合办理 15 个）；批准前办理时限不变' },
  extend: { name: '批准延期', type: 'warning', reason: 'required', reasonLabel: '延期理由（告知申请人）', hint: '经本部门负责人批准延长 10 个工作日（联合办理 15 个），仅一次' },
  issue_result: { name: '发证（出件）', short: '发证', type: 'success', reason: 'none', form: 'issue', hint: '窗口领取或 EMS 邮寄（登记运单号），并通知申请人' },
  close: { name: '办结', type: 'success', reason: 'none', hint: '结果已送达，办结归档' },
  withdraw: { name: '撤回申请', type: 'danger', reason: 'optional', reasonLabel: '撤回说明（申请人书面申请）', hint: '申请人书面申请撤回，决定作出前可撤回' },
  terminate: { name: '终止办理', type: 'danger', reason: 'required', reasonLabel: '终止理由（告知申请人）', hint: '容缺材料未按承诺补交等情形，终止本办件的办理；终止后不能恢复' },
  split: { name: '联合审批·分送会办', short: '分送会办', type: 'primary', reason: 'optional', form: 'split', reasonLabel: '会办说明', hint: '分送其他部门并联会办（联合审批）：法定时限按 45 个工作日计算，各部门会办完毕后方可作出决定' },
  supplement_complete: { name: '补正齐全·受理', short: '补正齐全', type: 'primary', reason: 'none', hint: '补正材料已全部收到，以今天为受理日' },
  request_supplement: { name: '再次补正告知', type: 'warning', reason: 'required', reasonLabel: '仍需补正的全部材料', hint: '一次性告知仍缺的全部材料' },
  refuse: { name: '不予受理', type: 'danger', reason: 'required', reasonLabel: '不予受理的理由', hint: '' },
  accept: { name: '受理', type: 'primary', reason: 'none', hint: '' },
  accept_conditionally: { name: '容缺受理', type: 'warning', reason: 'required', reasonLabel: '容缺承诺', hint: '' },
  handle_on_spot: { name: '即办', type: 'success', reason: 'none', hint: '' },
}
export const eventName = (c) => (EVENTS[c] ? EVENTS[c].name : c)
// Timeline events outside the transition table, for when the server sends no Chinese label.
const OTHER_EVENTS = {
  receive: '收件', certificate: '登记电子证照', ab_notify: '超时提醒B岗', explain: '逾期说明',
  task_done: '会办同意', task_refuse: '会办不同意', material_received: '容缺材料补交', deem_accepted: '视为受理',
}
// A timeline entry's label: the server's `event_zh` unless it is the bare event code.
export function eventLabel(e) {
  if (e.event_zh && e.event_zh !== e.event) return e.event_zh
  return OTHER_EVENTS[e.event] || eventName(e.event)
}

// '2026-03-16 10:00:12' in the centre's time (UTC+8) from an ISO time of the API.
export function centreDateTime(iso) {
  const t = Date.parse(iso || '')
  if (Number.isNaN(t)) return iso || ''
  return new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

// The roles that act on cases (the others read, or do not see them).
export const CASE_ACTOR_ROLES = ['front_desk', 'back_office', 'dept_head']

export const DECISION_NAME = { grant: '准予许可', refuse: '不予许可' }
export const CHANNEL_NAME = { window: '窗口领取', ems: 'EMS 邮寄' }

// The server's today (UTC+8 by the server's own clock, which a test may pin with YC_FAKE_NOW):
// the `date` GET /api/hall/duty defaults to. The clocks of the API count from that day, so the
// days left shown beside them must too. Asked at most once a minute; the Date header otherwise.
let todayP = null
let todayAt = 0
export function serverToday() {
  if (!todayP || Date.now() - todayAt > 60000) {
    todayAt = Date.now()
    todayP = api
      .get('/api/hall/duty')
      .then((r) => r.date || centreToday())
      .catch(() => {
        todayP = null
        return centreToday()
      })
  }
  return todayP
}

// --- working days -------------------------------------------------------------------------
// The calendar of a year (GET /api/calendar): a day is a working day when listed `work`, or
// Monday–Friday and not listed `off`. A year without data gives null (never a guess).
const years = new Map()

function loadYear(y) {
  if (!years.has(y)) {
    years.set(
      y,
      api
        .get('/api/calendar', { year: y })
        .then((r) => (r.covered ? new Map((r.entries || []).map((e) => [e.date, e.kind])) : null))
        .catch(() => {
          years.delete(y)
          return null
        }),
    )
  }
  return years.get(y)
}

const DAY = 86400000
const toUtc = (s) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)))
const fromUtc = (t) => new Date(t).toISOString().slice(0, 10)

// Working days in (a, b] for a ≤ b, negative for b < a (the days in (b, a]); null without data.
export async function workdaysBetween(a, b) {
  if (!a || !b) return null
  if (b < a) {
    const n = await workdaysBetween(b, a)
    return n == null ? null : -n
  }
  const ys = new Set()
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) ys.add(y)
  const cal = new Map()
  for (const y of ys) {
    const m = await loadYear(y)
    if (!m) return null
    cal.set(y, m)
  }
  let n = 0
  for (let t = toUtc(a) + DAY; t <= toUtc(b); t += DAY) {
    const d = fromUtc(t)
    const kind = cal.get(Number(d.slice(0, 4))).get(d)
    const wd = new Date(t).getUTCDay()
    if (kind === 'work' || (kind !== 'off' && wd >= 1 && wd <= 5)) n++
  }
  return n
}
