/*
 * What the grid's two in-cell editors (CellEditor and ChoiceEditor) do alike
 * with their <input>: start focused, and keep the clipboard to themselves.
 */

const CLIPBOARD = ['copy', 'cut', 'paste'] as const;

/**
 * Svelte action for an in-cell editor's `<input>`: takes keyboard focus with
 * the caret after its text (or the whole text selected, so that typing
 * replaces it), and stops copy, cut and paste there, so that the grid's own
 * clipboard handlers (which copy and paste whole cells) leave the text being
 * edited to the browser.
 */
export function cellInput(node: HTMLInputElement, selectAll = false) {
  node.focus();
  const end = node.value.length;
  node.setSelectionRange(selectAll ? 0 : end, end);
  const keep = (e: Event) => e.stopPropagation();
  for (const type of CLIPBOARD) node.addEventListener(type, keep);
  return {
    destroy() {
      for (const type of CLIPBOARD) node.removeEventListener(type, keep);
    },
  };
}
