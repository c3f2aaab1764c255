// Package emerging finds what is new and growing: bursts in the coverage of
// issues, entities and key phrases (including phrases outside the issue
// taxonomy) against each one's own baseline, and hourly issue trends.
//
// # Burst definition
//
// For every key (issue, entity or key phrase) the media documents (official
// releases excluded) published in the window (at − Window, at] are counted,
// and so are those in the same clock window on each of the BaselineDays
// previous days, the same time-of-day windowing as the negative-spike rule.
// The expected count is the mean baseline count, scaled by a day-type factor
// (the overall volume of days of the same type, weekday or weekend, relative
// to all baseline days) and floored at MinExpected so that a key never seen
// before is not infinitely surprising. The observed count c is tested
// against a Poisson distribution with that mean: score = −log10 P(X ≥ c).
//
// A key bursts when c ≥ MinCount, it comes from at least MinSources outlets,
// c ≥ MinRatio × expected and score ≥ MinScore. Bursts are ranked by score.
// Each carries the newest articles that show it.
package emerging
