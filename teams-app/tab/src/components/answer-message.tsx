import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';

/** What an action answered, in words: recorded, nothing recorded and why, or an error. */
export type Answer = { intent: 'success' | 'info' | 'warning' | 'error'; title: string; text?: string };

/**
 * The answer to the user's last action. It takes focus when it appears, since the control that was pressed is
 * often gone (a decision form disappears once the council has decided), and screen readers read it out.
 */
export function AnswerMessage({ answer }: { answer: Answer | null }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answer) box.current?.focus();
  }, [answer]);
  if (!answer) return null;
  return (
    <div ref={box} tabIndex={-1} data-answer>
      <MessageBar intent={answer.intent} role={answer.intent === 'error' ? 'alert' : 'status'}>
        <MessageBarBody>
          <MessageBarTitle>{answer.title}</MessageBarTitle>
          {answer.text}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
