import type { ActionData, ActionSet, ExecuteAction } from './adaptive-card';

export type DecisionButton = { title: string; verb: string; style?: ExecuteAction['style'] };

/**
 * The buttons of a decision, as Action.Execute: Teams sends the verb, the data and the comment to the bot. The
 * data is the same ids on every button; the bot re-reads the record, so nothing on the card is trusted.
 */
export function decisionButtons(buttons: readonly DecisionButton[], data: ActionData): ActionSet {
  return {
    type: 'ActionSet',
    spacing: 'Small',
    actions: buttons.map(({ title, verb, style }) => ({
      type: 'Action.Execute',
      title,
      verb,
      data: { ...data },
      ...(style ? { style } : {}),
    })),
  };
}
