/** The outline a focused or just-jumped-to highlight gets (pages often remove focus rings). */
export const FOCUS_OUTLINE = '3px solid #1d4ed8';
