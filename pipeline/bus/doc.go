// Package bus is Pantau's message bus on NATS JetStream: the embedded
// server, the streams and consumers, document ids, publishing collected
// documents and dead letters.
//
// Subjects: collected documents go to pantau.raw.<source> (stream
// PANTAU_RAW); messages a stage cannot process go to pantau.dlq.<stage>
// (stream PANTAU_DLQ) with the reason. A document's id is also its
// JetStream Nats-Msg-Id, so a re-published document inside the duplicate
// window is dropped by the server.
package bus
