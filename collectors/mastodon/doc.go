// Package mastodon collects public posts from a Mastodon instance's JSON
// API: hashtag timelines and accounts' public statuses, paging back with
// max_id to a bounded depth. Each status becomes a KIND_POST document.
package mastodon
