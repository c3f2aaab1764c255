// Package youtube collects the public comments on the recent videos of
// given channels through the YouTube Data API v3 (channels, playlistItems
// and commentThreads). The API key comes from PANTAU_YOUTUBE_API_KEY and is
// sent in the X-Goog-Api-Key header, never in logged URLs; the API base URL
// is the source's base_url so tests can use an httptest server.
package youtube
