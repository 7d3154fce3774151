// Every ranking constant of the "where" answer in one place, with what it does. The values
// were chosen on the question sets in bench/questions (see BENCHMARKS.md).

export const RANKING = {
  /** BM25 term-frequency saturation. */
  k1: 1.2,
  /** A synonym counts this much of the word itself (and with its own idf). */
  synonymWeight: 0.25,
  /** Share of the best other matches in the same file added to a place. */
  fileShare: 0.15,
  /** Centrality: score × (1 + centrality × ln(1 + PageRank relative to the average node)). */
  centrality: 0.12,
  /** Call proximity: a strong match lends this share of its score to the matches it calls or is called by. */
  proximity: 0.12,
  /** A name the question spells out word for word ("verify token" ↔ verifyToken). */
  describedName: 1.35,
  /** A name written in the question as code. */
  namedInQuestion: 3,
  /** Route handlers. */
  routeHandler: 1.15,
  /** Tests and generated files, unless the question asks about tests. */
  testFactor: 0.3,
  generatedFactor: 0.3,
};
