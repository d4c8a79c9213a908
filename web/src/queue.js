// Shared bits of the queue pages (kiosk, display, live position, window, board).

// 1500 → "约 25 分钟"; 0 → "无需等待".
export function waitText(s) {
  if (s == null) return '—'
  if (s <= 0) return '无需等待'
  const m = Math.ceil(s / 60)
  if (m < 60) return `约 ${m} 分钟`
  return `约 ${Math.floor(m / 60)} 小时 ${m % 60} 分钟`
}

// 75 → "1分15秒", 4000 → "1时06分".
export function spanText(s) {
  if (s == null) return '—'
  s = Math.max(0, Math.round(s))
  if (s < 60) return `${s}秒`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}分${String(s % 60).padStart(2, '0')}秒`
  return `${Math.floor(m / 60)}时${String(m % 60).padStart(2, '0')}分`
}

export const TICKET_STATE = {
  waiting: '等候中',
  called: '已叫号',
  serving: '办理中',
  served: '已办结',
  no_show: '过号',
  abandoned: '已离开',
}

export const WINDOW_STATE = { open: '开放', paused: '暂停', closed: '关闭' }

// "09:05:12" in the centre's time (UTC+8) from an ISO time.
export function clockOf(iso) {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return '—'
  const t = new Date(d.getTime() + 8 * 3600 * 1000)
  return t.toISOString().slice(11, 19)
}

// Speak a call in zh-CN (the hall display). Returns false when the browser has no speech.
export function speak(text) {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : null
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return false
  const u = new SpeechSynthesisUtterance(text)
  u.lang = 'zh-CN'
  u.rate = 0.85
  const voices = synth.getVoices ? synth.getVoices() : []
  const zh = voices.find((v) => /zh[-_]CN/i.test(v.lang)) || voices.find((v) => /^zh/i.test(v.lang))
  if (zh) u.voice = zh
  synth.speak(u)
  return true
}
