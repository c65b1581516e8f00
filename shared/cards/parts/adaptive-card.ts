/**
 * The Adaptive Card JSON the product sends, typed to the elements and properties it uses: all of them in schema
 * 1.5, the newest version Teams renders (Action.Execute and `refresh` need 1.4, input labels 1.3). Nothing on a
 * card is meant as markdown: TextBlock and Fact strings are escaped (see `escapeMarkdown`), and text people wrote
 * goes in RichTextBlock runs, which no host reads as markdown.
 */
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';

export type Spacing = 'None' | 'Small' | 'Medium' | 'Large';
export type TextColor = 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
export type ContainerStyle = 'emphasis' | 'good' | 'warning' | 'attention' | 'accent';

export type TextBlock = {
  type: 'TextBlock';
  text: string;
  wrap: true;
  style?: 'heading';
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  color?: TextColor;
  isSubtle?: true;
  spacing?: Spacing;
  separator?: true;
};

export type TextRun = { type: 'TextRun'; text: string; weight?: 'Bolder'; italic?: true; isSubtle?: true };
export type RichTextBlock = { type: 'RichTextBlock'; inlines: TextRun[]; spacing?: Spacing; separator?: true };
export type Fact = { title: string; value: string };
export type FactSet = { type: 'FactSet'; facts: Fact[]; spacing?: Spacing; separator?: true };

export type Container = {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  spacing?: Spacing;
  separator?: true;
};

export type TextInput = {
  type: 'Input.Text';
  id: string;
  label: string;
  maxLength: number;
  isMultiline: true;
  placeholder?: string;
};

export type ActionData = Record<string, string | number>;

export type ExecuteAction = {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: ActionData;
  style?: 'positive' | 'destructive';
};

export type OpenUrlAction = { type: 'Action.OpenUrl'; title: string; url: string };
export type CardAction = ExecuteAction | OpenUrlAction;
export type ActionSet = { type: 'ActionSet'; actions: CardAction[]; spacing?: Spacing };

export type CardElement = TextBlock | RichTextBlock | FactSet | Container | TextInput | ActionSet;

/** Teams asks the bot for a fresh card, with this action, when one of `userIds` (Teams ids, `29:...`) looks. */
export type CardRefresh = {
  action: { type: 'Action.Execute'; verb: string; data: ActionData };
  userIds: string[];
};

export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  refresh?: CardRefresh;
};

/** A whole card: what is left out (no actions, no refresh) is not written, so Teams and the renderer agree. */
export function adaptiveCard(parts: {
  body: readonly (CardElement | null | undefined | false)[];
  actions?: readonly CardAction[];
  refresh?: CardRefresh | null;
}): AdaptiveCard {
  const actions = parts.actions ?? [];
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body: parts.body.filter((element): element is CardElement => Boolean(element)),
    ...(actions.length > 0 ? { actions: [...actions] } : {}),
    ...(parts.refresh ? { refresh: parts.refresh } : {}),
  };
}
