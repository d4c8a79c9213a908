// The 好差评 form shared by the public rating page (Rate.vue) and the window's tablet
// (WindowTablet.vue): the five levels, a reason required for the bottom two, an optional comment,
// and a real name with a phone for the callback. The same checks as the server's, before sending.
import { computed, reactive } from 'vue'

const EMPTY = { level: 0, reason: '', comment: '', realName: false, name: '', contact: '' }
const FIELDS = ['level', 'reason', 'rater_name', 'rater_contact']

// levels: a ref of the API's levels [{level, label, reason_required}]; onClear: clears the page's
// own form-wide error whenever the field errors are cleared.
export function useRatingForm(levels, onClear = () => {}) {
  const form = reactive({ ...EMPTY })
  const fieldErr = reactive(Object.fromEntries(FIELDS.map((f) => [f, ''])))
  const chosen = computed(() => levels.value.find((l) => l.level === form.level) || null)
  const needReason = computed(() => !!chosen.value?.reason_required)

  function clearErrors() {
    for (const k of FIELDS) fieldErr[k] = ''
    onClear()
  }
  function resetForm() {
    Object.assign(form, EMPTY)
    clearErrors()
  }
  function choose(l) {
    form.level = l.level
    fieldErr.level = ''
    if (!l.reason_required) fieldErr.reason = ''
  }
  function check() {
    clearErrors()
    if (!form.level) fieldErr.level = '请选择一个评价等级'
    if (needReason.value && !form.reason.trim()) fieldErr.reason = `选择“${chosen.value.label}”时请写明原因，以便我们整改`
    if (form.realName) {
      if (!form.name.trim()) fieldErr.rater_name = '实名评价请填写姓名'
      const c = form.contact.replace(/[\s-]/g, '')
      if (!c) fieldErr.rater_contact = '实名评价请填写联系电话，以便回访'
      else if (!/^\d{7,20}$/.test(c)) fieldErr.rater_contact = '联系电话应为 7 至 20 位数字'
    }
    return !Object.values(fieldErr).some(Boolean)
  }
  // The form's part of the POST body.
  function bodyFields() {
    const b = { level: form.level }
    if (form.comment.trim()) b.comment = form.comment.trim()
    if (form.reason.trim()) b.reason = form.reason.trim()
    if (form.realName) {
      b.real_name = true
      b.rater_name = form.name.trim()
      b.rater_contact = form.contact.replace(/[\s-]/g, '')
    }
    return b
  }
  // A refusal naming one of the form's fields (and not one the page explains itself) is shown
  // under that field: true when it was.
  function showFieldError(e, pageErrors) {
    if (!FIELDS.includes(e.field) || pageErrors[e.code]) return false
    fieldErr[e.field] = e.message
    return true
  }
  return { form, fieldErr, chosen, needReason, clearErrors, resetForm, choose, check, bodyFields, showFieldError }
}
