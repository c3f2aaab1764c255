# syntax=docker/dockerfile:1.7
#
# Pantau's production image: one static-config binary that runs any of the
# roles (collect, process, serve) against a NATS cluster and a ClickHouse
# server. The embedded ClickHouse engine (libchdb.so) is not in the image:
# production talks to a ClickHouse server through --clickhouse-dsn, so the
# library is only needed by `pantau run` on a single office machine.
#
# Build from the repository root:
#   docker build -t pantau:$(git describe --tags --always) --build-arg VERSION=$(git describe --tags --always) .

ARG GO_IMAGE=golang:1.26-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/base-debian12:nonroot

FROM ${GO_IMAGE} AS build
WORKDIR /src
ARG VERSION=dev
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
# Module files first so the dependency download is cached between builds.
COPY go.work go.work.sum go.mod go.sum* ./
COPY proto/go.mod proto/go.sum* proto/
COPY collectors/go.mod collectors/go.sum* collectors/
COPY pipeline/go.mod pipeline/go.sum* pipeline/
COPY analytics/go.mod analytics/go.sum* analytics/
COPY dashboards/go.mod dashboards/go.sum* dashboards/
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    go build -ldflags "-s -w -X main.version=${VERSION}" -o /out/pantau ./cmd/pantau && \
    mkdir -p /out/data

# distroless/base (glibc, CA certificates, tzdata, no shell): the binary may
# be linked dynamically against libc because the embedded-engine loader uses
# dlopen, even though nothing is dlopen'ed in production.
FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="pantau" \
      org.opencontainers.image.description="Pantau: media monitoring and Indonesian sentiment analytics (Biro Adpim Kaltim)" \
      org.opencontainers.image.source="https://github.com/biroadpim/pantau"
COPY --from=build /out/pantau /usr/local/bin/pantau
COPY --from=build --chown=65532:65532 /out/data /var/lib/pantau
ENV TZ=Asia/Makassar \
    PANTAU_DATA_DIR=/var/lib/pantau \
    PANTAU_HTTP_ADDR=0.0.0.0:8080
USER 65532:65532
EXPOSE 8080
VOLUME ["/var/lib/pantau"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/pantau", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/pantau"]
CMD ["run"]
