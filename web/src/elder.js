// 长者版: large type, high contrast and big touch targets for applicants on public pages.
// The choice is remembered in localStorage and shown as the class "elder" on <html>
// while a public page is open (staff pages stay compact).
import { ref } from 'vue'

const KEY = 'yc.elder'

function load() {
  try {
    return localStorage.getItem(KEY) === '1'
  } catch {
    return false
  }
}

export const elder = ref(load())
let onPublicPage = true

function apply() {
  document.documentElement.classList.toggle('elder', elder.value && onPublicPage)
}

export function setPublicPage(isPublic) {
  onPublicPage = isPublic
  apply()
}

export function toggleElder() {
  elder.value = !elder.value
  try {
    localStorage.setItem(KEY, elder.value ? '1' : '0')
  } catch {
    /* private mode: keep it for this page only */
  }
  apply()
}
