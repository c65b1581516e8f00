import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { type ActionError, otherFieldMessages } from './field-errors';

/**
 * Why an action changed nothing, under its form: "see the fields" when the messages are under the fields the form
 * shows, otherwise the API's message with any problem no field shows.
 */
export function ActionErrorBar({ what, error, shown }: { what: string; error: ActionError; shown: readonly string[] }) {
  const underFields = shown.some((path) => error.fields[path]);
  const others = otherFieldMessages(error, shown);
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        {what}: {underFields ? 'see the messages marked Error above.' : error.message} {others.join(' ')}
      </MessageBarBody>
    </MessageBar>
  );
}
