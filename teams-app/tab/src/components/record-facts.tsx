import { makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, useEffect, useRef } from 'react';

const useStyles = makeStyles({
  article: { display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { margin: 0, fontSize: '1.25rem' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: '16px',
    rowGap: '6px',
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0 },
  },
});

/**
 * One record's facts (`<dt>`/`<dd>` pairs as children) under its title. The title takes focus when the record is
 * opened (`focusTitle`), not when it is read again after an action, whose answer then holds the focus.
 */
export function RecordFacts({
  id,
  title,
  focusTitle,
  children,
}: {
  id: string;
  title: ReactNode;
  focusTitle: boolean;
  children: ReactNode;
}) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, [focusTitle]);
  return (
    <article aria-labelledby={id} className={styles.article}>
      <h2 id={id} ref={heading} tabIndex={-1} className={styles.heading}>
        {title}
      </h2>
      <dl className={styles.facts}>{children}</dl>
    </article>
  );
}
