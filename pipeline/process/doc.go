// Package process is Pantau's pipeline: a durable JetStream pull consumer
// that decodes collected documents, runs them through the stages
// (normalize → stories → analyze), stores each batch in ClickHouse and only
// then acknowledges it. Messages that cannot be processed go to the
// dead-letter subject pantau.dlq.<stage> with the reason; they never block
// the stream. A redelivered message replaces its own row (same id and
// version), so queries never count a document twice.
package process
