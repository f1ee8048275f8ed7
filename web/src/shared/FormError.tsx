import { Alert } from 'antd';

/**
 * The message a form's API answer left for the form as a whole (see `showFieldErrors`),
 * above the form; nothing when there is none.
 */
export function FormError({ message, gap = 16 }: { message: string | null; gap?: number }) {
  if (!message) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      style={{ marginBottom: gap }}
      data-testid="form-error"
    />
  );
}
