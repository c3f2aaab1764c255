// Package releases measures how the government's own releases land:
// press-release pickup (for every official release, which outlets carried
// it, as members of its story, how fast and with what tone) and share of
// voice (official versus media volume per issue).
package releases
