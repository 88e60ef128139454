/** The shipped topics without their details, made at build time by `data/lean-pack-plugin.ts`. */
declare module 'virtual:factlight/lean-topics' {
  const topics: import('../lib/pack/lean').LeanTopic[];
  export default topics;
  /** The languages (primary subtags) beyond en, uk and ru that the shipped topics have terms in. */
  export const extraLanguages: string[];
  /** RegExp source (flags `iu`): the literal cores of the shipped aliases in those languages. */
  export const extraLiterals: string;
}
