/**
 * The element names of what Factlight itself puts in a page, known to the reader (never page
 * text) and the watcher (never a page change).
 */

/** The popover's and announcements' host (lib/content/ui-host.tsx). */
export const UI_TAG = 'factlight-ui';
/** The host of the keyboard control over the current mention (lib/content/mention-control.ts). */
export const FOCUS_TAG = 'factlight-focus';
/** Every element name of ours. */
export const OWN_TAGS: readonly string[] = [UI_TAG, FOCUS_TAG];
