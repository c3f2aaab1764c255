// Package leaders follows the province's canonical leaders (governor,
// vice-governor, regional secretary, agency heads, regents and mayors: the
// PER entities the gazetteer gives a role): how often they are mentioned,
// the tone toward them and what they are quoted saying. It also checks
// message consistency: statements by different leaders on the same issue
// within a window are paired, and pairs whose tone or claims diverge
// (opposite tone, different numbers for the same thing, one denying what the
// other asserts) are flagged for the morning brief.
package leaders
