// Package brief builds the governor's morning issue brief ("Brief Isu
// Pagi"): the 24 hours to the cutoff (05:00 WITA) summarised for a phone
// screen in Bahasa Indonesia — headline numbers against the previous day and
// the seven-day average, the top issues with representative headlines, the
// negative stories that need an answer ranked by reach, the leaders' coverage,
// quotes and inconsistencies, emerging issues, pickup of the day's official
// releases and the sources that went quiet.
//
// Generate reads ClickHouse through the analytics packages (emerging,
// spikes, leaders, releases, sources) and a few queries of its own; every
// number carries a link to the documents behind it on the API. The brief is
// rendered as self-contained HTML, PDF (headless Chromium), Telegram-sized
// Markdown and JSON.
//
// Service schedules the brief inside `pantau run` (06:00 WITA by default),
// persists what was generated and delivered in pantau.briefs and
// pantau.brief_deliveries so that a restart neither skips nor repeats a
// delivery, delivers through the channels of package deliver, and serves the
// archive under /briefs/.
package brief
