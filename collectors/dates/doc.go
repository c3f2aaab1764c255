// Package dates parses the publication dates printed by Indonesian news
// portals and social sites: Indonesian and English month and day names,
// numeric day/month/year, ISO 8601 and RFC 1123, the WIB/WITA/WIT zones and
// relative phrases such as "2 jam lalu".
package dates
