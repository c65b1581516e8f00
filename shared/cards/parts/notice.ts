import type { Container, ContainerStyle, TextColor } from './adaptive-card';
import { textBlock } from './text';

export type Tone = 'neutral' | 'good' | 'warning' | 'attention';

const STYLES: Record<Tone, { style: ContainerStyle; color: TextColor }> = {
  neutral: { style: 'emphasis', color: 'Default' },
  good: { style: 'good', color: 'Good' },
  warning: { style: 'warning', color: 'Warning' },
  attention: { style: 'attention', color: 'Attention' },
};

/**
 * A short statement in a tinted box (the outcome, "your decision is needed"). The colour only repeats what the
 * words say, so it is never the only way to tell one state from another.
 */
export function notice(text: string, tone: Tone, detail?: string): Container {
  const { style, color } = STYLES[tone];
  return {
    type: 'Container',
    style,
    spacing: 'Medium',
    items: [
      textBlock(text, { weight: 'Bolder', ...(tone === 'neutral' ? {} : { color }) }),
      ...(detail ? [textBlock(detail, { spacing: 'Small' })] : []),
    ],
  };
}
