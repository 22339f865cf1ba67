/**
 * The UI's only `Text`. Every string the UI draws passes through here, and most of them come from Redis or a
 * trace backend (job names, ids, error messages, span names, attributes), where anyone who can add a job can
 * put escape sequences. ink itself drops cursor and screen commands but lets OSC sequences through (a window
 * title, an OSC 52 clipboard write), and SGR ones that hide or fake text. So string children are made
 * terminal-safe here, after the layout code measured them; ink's colours are added by ink afterwards and
 * stay intact. A test checks that no other file of the UI imports ink's `Text`.
 */
import React from 'react';
import { Text as InkText } from 'ink';
import type { TextProps } from 'ink';
import { terminalSafe } from 'queue-otel/traces';

/** String children escaped, including those inside fragments; elements (nested `Text`) escape their own. */
function safeChildren(children: React.ReactNode): React.ReactNode {
  return React.Children.map(children, (child): React.ReactNode => {
    if (typeof child === 'string') return terminalSafe(child);
    if (React.isValidElement<{ children?: React.ReactNode }>(child) && child.type === React.Fragment) {
      return React.cloneElement(child, undefined, safeChildren(child.props.children));
    }
    return child;
  });
}

/**
 * ink's `Text` with every string child shown with its control characters escaped (see `terminalSafe`). A line
 * feed in a string is shown as `\n` too: a line of the UI is one `Text`, never a string with line breaks.
 */
export function Text({ children, ...props }: TextProps): React.JSX.Element {
  return <InkText {...props}>{safeChildren(children)}</InkText>;
}

/** Props of {@link LinkText}. */
export interface LinkTextProps extends Omit<TextProps, 'children'> {
  /** The link target. Handed to `hyperlink`, which must keep control characters out of it (`osc8Link` does). */
  url: string;
  /** The text shown; the URL when omitted. Escaped before `hyperlink` sees it. */
  label?: string;
  /** Plain text drawn before the link, escaped. */
  prefix?: string;
  /** Wraps the escaped label in the terminal's hyperlink (`TuiServices.hyperlink`), or returns it unchanged. */
  hyperlink: (url: string, text: string) => string;
}

/**
 * The project's own OSC 8 hyperlink: the one place where the UI draws an escape sequence of its own inside
 * text. A `hyperlink` that throws falls back to the plain label: a link is never worth the UI.
 */
export function LinkText({ url, label, prefix = '', hyperlink, ...props }: LinkTextProps): React.JSX.Element {
  const text = terminalSafe(label ?? url);
  let linked: string;
  try {
    linked = hyperlink(url, text);
  } catch {
    linked = text;
  }
  return <InkText {...props}>{terminalSafe(prefix)}{linked}</InkText>;
}
