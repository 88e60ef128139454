/** The ES source of mark.js's core class (see mark-core.ts for why we use it). */
declare module 'mark.js/src/lib/mark.js' {
  export default class MarkJs {
    constructor(ctx: unknown);
  }
}
