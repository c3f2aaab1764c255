package chhttp

import (
	"encoding/binary"
	"strings"
)

// helloQuery is what clickhouse-go sends on connect to learn the server's
// name, version, protocol revision and time zone.
const helloQuery = "SELECT displayName(), version(), revision(), timezone()"

// clientRevision is the revision clickhouse-go decodes the hello answer at
// (it sends it as client_protocol_version). At this revision a block starts
// with block info and each column carries a custom-serialization flag.
const clientRevision = 54460

func appendUVarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendStr(b []byte, s string) []byte {
	b = appendUVarint(b, uint64(len(s)))
	return append(b, s...)
}

// helloBlock encodes the hello answer as a one-row Native block at
// clientRevision, reporting revision 0 so that the client decodes all later
// results at revision 0, which is what the engine writes.
func helloBlock(displayName, version, timezone string) []byte {
	var b []byte
	// Block info: field 1 is_overflows=false, field 2 bucket_num=-1, end.
	b = appendUVarint(b, 1)
	b = append(b, 0)
	b = appendUVarint(b, 2)
	b = binary.LittleEndian.AppendUint32(b, 0xFFFFFFFF)
	b = appendUVarint(b, 0)
	b = appendUVarint(b, 4) // columns
	b = appendUVarint(b, 1) // rows
	col := func(name, typ string) {
		b = appendStr(b, name)
		b = appendStr(b, typ)
		b = append(b, 0) // no custom serialization
	}
	col("displayName()", "String")
	b = appendStr(b, displayName)
	col("version()", "String")
	b = appendStr(b, version)
	col("revision()", "UInt32")
	b = binary.LittleEndian.AppendUint32(b, 0)
	col("timezone()", "String")
	b = appendStr(b, timezone)
	return b
}

// emptyBlock encodes a Native block (revision 0) with columns and no rows,
// so a client learns the column types of an empty result.
func emptyBlock(names, types []string) []byte {
	var b []byte
	b = appendUVarint(b, uint64(len(names)))
	b = appendUVarint(b, 0)
	for i := range names {
		b = appendStr(b, names[i])
		b = appendStr(b, types[i])
	}
	return b
}

var tsvUnescaper = strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n", `\r`, "\r", `\0`, "\x00", `\'`, "'", `\b`, "\b", `\f`, "\f")

// parseDescribe reads name and type from DESCRIBE output in TabSeparated.
func parseDescribe(out []byte) (names, types []string) {
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		names = append(names, tsvUnescaper.Replace(f[0]))
		types = append(types, tsvUnescaper.Replace(f[1]))
	}
	return names, types
}
