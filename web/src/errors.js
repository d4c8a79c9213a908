// Server errors on a form: the message goes on top, the field it names turns red.
import { reactive } from 'vue'

export function useErrors() {
  const state = reactive({ message: '', field: '', errors: null, errorsTotal: 0 })
  return {
    state,
    clear() {
      state.message = ''
      state.field = ''
      state.errors = null
      state.errorsTotal = 0
    },
    set(e) {
      state.message = e.message
      state.field = e.field || ''
      state.errors = e.errors || null
      state.errorsTotal = e.errorsTotal || 0
    },
    // The message for a form item when the server names it (also `materials[2].form` → `materials`).
    of(...names) {
      const f = state.field
      if (!f) return ''
      for (const n of names) {
        if (f === n || f.startsWith(`${n}[`) || f.startsWith(`${n}.`)) return state.message
      }
      return ''
    },
  }
}
