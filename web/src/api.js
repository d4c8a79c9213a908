// The one door to the server: same-origin fetch with the session cookie, JSON bodies,
// X-CSRF-Token on every state-changing request, and one error type for every failure.
import { session, setSession, clearSession } from './store.js'
import { noteServerDate } from './util.js'

export class ApiError extends Error {
  constructor({ status = 0, code = 'unknown', message = '请求失败', field = null, errors = null, errorsTotal = 0, retryAfter = 0 } = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    // A catalogue import refused: every problem of the file, [{row, column, code, message}].
    this.errors = errors
    this.errorsTotal = errorsTotal
    // Seconds to wait, from the Retry-After header of a 429 (0 when not given).
    this.retryAfter = retryAfter
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let unauthorizedHandler = null
// main.js installs this: a 401 inside the staff pages goes to /login.
export function onUnauthorized(fn) {
  unauthorizedHandler = fn
}

function buildUrl(path, query) {
  if (!query) return path
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') qs.append(k, String(v))
  }
  const s = qs.toString()
  return s ? `${path}?${s}` : path
}

async function readError(res) {
  let body = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const e = body && body.error ? body.error : {}
  let message = e.message
  if (!message) {
    if (res.status === 502 || res.status === 503 || res.status === 504) message = '服务器暂时不可用，请稍后再试'
    else message = `请求失败（HTTP ${res.status}）`
  }
  return new ApiError({
    status: res.status,
    code: e.code || `http_${res.status}`,
    message,
    field: e.field ?? null,
    errors: body && Array.isArray(body.errors) ? body.errors : null,
    errorsTotal: body && typeof body.errors_total === 'number' ? body.errors_total : 0,
    retryAfter: Math.max(0, parseInt(res.headers.get('Retry-After') || '0', 10) || 0),
  })
}

/**
 * request('GET', '/api/users')
 * request('POST', '/api/users', { body: {...} })
 * request('GET', '/api/workdays/add', { query: { date, n } })
 * options.raw: send a string or Blob body with options.contentType (e.g. text/csv)
 * options.redirect401: false to handle 401 yourself (login form, session probe)
 * options.headers: more request headers (the window tablet's X-Tablet-Key)
 */
export async function request(method, path, options = {}) {
  const { body, query, raw, contentType, redirect401 = true, retried = false, headers: extra } = options
  method = method.toUpperCase()
  const headers = { ...extra, Accept: 'application/json' }
  let payload
  if (raw !== undefined) {
    payload = raw
    headers['Content-Type'] = contentType || 'text/plain; charset=utf-8'
  } else if (body !== undefined) {
    payload = JSON.stringify(body)
    headers['Content-Type'] = 'application/json'
  }
  if (UNSAFE.has(method) && session.csrf) headers['X-CSRF-Token'] = session.csrf

  let res
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: '无法连接服务器，请检查网络' })
  }

  noteServerDate(res.headers.get('Date'))
  if (res.ok) {
    if (res.status === 204) return null
    const type = res.headers.get('Content-Type') || ''
    if (type.includes('application/json')) return res.json()
    return res.text()
  }

  const err = await readError(res)

  // A stale CSRF token (e.g. after a password change in another tab): refresh once and retry.
  if (res.status === 403 && (err.code === 'csrf_invalid' || err.code === 'csrf_missing') && !retried) {
    try {
      const me = await request('GET', '/api/me', { redirect401: false })
      setSession(me)
      return request(method, path, { ...options, retried: true })
    } catch {
      /* fall through to the original error */
    }
  }

  if (res.status === 401 && redirect401) {
    clearSession(err.code === 'session_expired' ? '会话已过期，请重新登录' : '请先登录')
    if (unauthorizedHandler) unauthorizedHandler(err)
  }
  throw err
}

export const api = {
  get: (path, query, opts) => request('GET', path, { ...opts, query }),
  post: (path, body, opts) => request('POST', path, { ...opts, body }),
  patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
  put: (path, body, opts) => request('PUT', path, { ...opts, body }),
  del: (path, opts) => request('DELETE', path, opts),
}

// --- session -------------------------------------------------------------

export async function login(username, password) {
  const data = await request('POST', '/api/session', {
    body: { username, password },
    redirect401: false,
  })
  setSession(data)
  session.notice = ''
  return data
}

export async function logout() {
  try {
    await request('DELETE', '/api/session', { redirect401: false })
  } finally {
    clearSession()
  }
}

// Ask the server who we are; null when there is no valid session.
export async function fetchMe() {
  try {
    const data = await request('GET', '/api/me', { redirect401: false })
    setSession(data)
    return data.user
  } catch (e) {
    if (e.status === 401) {
      clearSession()
      return null
    }
    throw e
  }
}
