import { type RefObject, useEffect } from 'react';

/**
 * After a failed submit (each failure bumps `attempt`), moves the focus to the global alert when
 * there is one, otherwise to the first field marked aria-invalid, so keyboard and screen reader
 * users land on what to fix.
 */
export function useFocusOnError(attempt: number, form: RefObject<HTMLFormElement | null>, alert: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (attempt === 0) return;
    const alertElement = alert.current;
    if (alertElement && alertElement.childElementCount > 0) {
      alertElement.focus();
      return;
    }
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, form, alert]);
}
