// Small date and display helpers. Dates travel as 'YYYY-MM-DD' strings.

const pad = (n) => String(n).padStart(2, '0')

export function isoDate(d = new Date()) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function todayISO() {
  return isoDate(new Date())
}

// The centre's today (UTC+8) by the server's clock: api.js notes the Date header of every answer,
// so a browser in another time zone or with a wrong clock still asks for the right day.
let skew = 0
export function noteServerDate(header) {
  const t = Date.parse(header || '')
  if (!Number.isNaN(t)) skew = t - Date.now()
}
export function centreToday() {
  return new Date(Date.now() + skew + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

// Parse 'YYYY-MM-DD' as a local calendar date (no time-zone shift).
export function parseISO(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '')
  if (!m) return null
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}

export function weekday(s) {
  const d = parseISO(s)
  return d ? WEEKDAYS[d.getDay()] : ''
}

export function cnDate(s) {
  const d = parseISO(s)
  if (!d) return s || ''
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
}

export function formatDateTime(v) {
  if (!v) return ''
  const d = new Date(v)
  if (Number.isNaN(d.getTime())) return String(v)
  return `${isoDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function formatUptime(s) {
  s = Math.max(0, Math.floor(Number(s) || 0))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d) return `${d} 天 ${h} 小时`
  if (h) return `${h} 小时 ${m} 分`
  return `${m} 分 ${s % 60} 秒`
}

// A user's department may come as an object {id, name, …}, a name or an id.
export function deptName(dep, departments = []) {
  if (dep == null || dep === '') return ''
  if (typeof dep === 'object') return dep.name || dep.code || (dep.id != null ? `#${dep.id}` : '')
  if (typeof dep === 'number') {
    const found = departments.find((d) => d.id === dep)
    return found ? found.name : `#${dep}`
  }
  return String(dep)
}

export function deptId(user, departments = []) {
  if (!user) return null
  if (user.department_id != null) return user.department_id
  const dep = user.department
  if (dep == null) return null
  if (typeof dep === 'object') return dep.id ?? null
  if (typeof dep === 'number') return dep
  const found = departments.find((d) => d.name === dep || d.code === dep)
  return found ? found.id : null
}

// An audit actor may be a username, a name or an object.
export function actorLabel(a) {
  if (a == null) return '—'
  if (typeof a === 'object') return a.name || a.username || (a.id != null ? `#${a.id}` : '—')
  return String(a)
}

export function greeting(d = new Date()) {
  const h = d.getHours()
  if (h < 6) return '您好'
  if (h < 12) return '上午好'
  if (h < 14) return '中午好'
  if (h < 18) return '下午好'
  return '晚上好'
}

// Copy text to the clipboard: the Clipboard API where the page may use it (HTTPS, localhost),
// else a hidden textarea and execCommand (a plain-HTTP intranet address). Resolves true or false.
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    /* fall through to the old way */
  }
  const ta = document.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  ta.style.position = 'fixed'
  ta.style.opacity = '0'
  document.body.appendChild(ta)
  ta.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  document.body.removeChild(ta)
  return ok
}

// RFC 4180 CSV (CRLF, quotes doubled) with a UTF-8 byte order mark, so that Excel opens Chinese
// text correctly. A free-text cell that a spreadsheet would take for a formula (= + - @ at its
// start) is given a leading apostrophe; `raw` columns (dates, numbers, hashes) are never changed.
export function toCsv(header, rows, raw = []) {
  const cell = (v, i) => {
    let s = v == null ? '' : String(v)
    if (!raw.includes(i) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines = [header, ...rows].map((r) => r.map(cell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

// Offer a text as a file download (a Blob URL; nothing goes to the server).
export function downloadText(filename, text, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  document.body.removeChild(a)
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}
