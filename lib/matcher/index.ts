/** The matcher: compile a pack once, find candidates, judge them. Pure functions, no DOM. */
export { compileTopics, aliasOf, type CompiledTopic, type CompiledTopics, type ContextTerm, type TermRole } from './compile';
export { findCandidates, findContextHits, countContextTerms, findTimeYears, type Candidate, type ContextHit } from './find';
export { classifyCandidate, type Decision, type Evidence, type MatchReason, type YearHit } from './classify';
export { stripInvisible, termSource, normalizeTerm } from './pattern';
