/** Panel sizes of the trace view: three panels side by side when wide, stacked when narrow. */

/** Outer sizes of the three panels; a width or height of 0 hides a panel. */
export interface TraceLayout {
  wide: boolean;
  list: { width: number; height: number };
  waterfall: { width: number; height: number };
  details: { width: number; height: number };
}

/** At and above this width the list, waterfall and details sit side by side. */
export const WIDE_FROM = 100;

/** Sizes for a body of `width` × `height` with the given focus and details toggle. */
export function traceLayout(width: number, height: number, focus: 'list' | 'waterfall', details: boolean): TraceLayout {
  if (width >= WIDE_FROM) {
    // The waterfall gets what the list and the details leave: at 100 columns about half the width. The list is
    // wide enough for a trace's mark, name, duration, age and id prefix (trace-list.ts).
    const list = Math.min(48, Math.max(32, Math.round(width * 0.27)));
    const side = details ? Math.min(50, Math.max(26, Math.round(width * 0.26))) : 0;
    return {
      wide: true,
      list: { width: list, height },
      waterfall: { width: width - list - side, height },
      details: { width: side, height: side ? height : 0 },
    };
  }
  const listHeight = focus === 'list' ? Math.max(5, Math.round(height * 0.4)) : Math.min(6, Math.max(4, Math.round(height * 0.2)));
  const rest = height - listHeight;
  const detailsHeight = details ? Math.max(5, Math.round(rest * 0.45)) : 0;
  return {
    wide: false,
    list: { width, height: listHeight },
    waterfall: { width, height: rest - detailsHeight },
    details: { width: detailsHeight ? width : 0, height: detailsHeight },
  };
}
