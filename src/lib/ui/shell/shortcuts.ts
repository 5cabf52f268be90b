/**
 * Reads the app-wide undo/redo shortcuts: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z
 * and Ctrl+Y redo. Inside a text field being edited the browser's own undo
 * applies, so those key presses are left alone.
 *
 * @returns 'undo', 'redo', or null when the key press is something else
 */
export function undoShortcut(e: KeyboardEvent): 'undo' | 'redo' | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return null;
  const target = e.target as HTMLElement | null;
  if (
    target &&
    (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
  )
    return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}
