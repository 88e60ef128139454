/** The shipped topics without their details, made at build time by `data/lean-pack-plugin.ts`. */
declare module 'virtual:factlight/lean-topics' {
  const topics: import('../lib/pack/lean').LeanTopic[];
  export default topics;
}
