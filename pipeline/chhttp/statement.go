package chhttp

import (
	"strings"
)

// lexer walks SQL text token by token, skipping whitespace, comments,
// string literals and quoted identifiers. It stops wherever the caller
// stops, so it never reads into inline INSERT data.
type lexer struct {
	s     string
	pos   int
	depth int
}

// token is one lexical unit: a word (identifier, keyword or number), a
// quoted literal or identifier, or one punctuation byte.
type token struct {
	text       string
	start, end int
	word       bool
	depth      int // parenthesis depth before the token
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// next returns the next token, or ok=false at the end of the text.
func (l *lexer) next() (token, bool) {
	s := l.s
	for l.pos < len(s) {
		c := s[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			l.pos++
		case c == '-' && l.pos+1 < len(s) && s[l.pos+1] == '-', c == '#':
			for l.pos < len(s) && s[l.pos] != '\n' {
				l.pos++
			}
		case c == '/' && l.pos+1 < len(s) && s[l.pos+1] == '*':
			end := strings.Index(s[l.pos+2:], "*/")
			if end < 0 {
				l.pos = len(s)
			} else {
				l.pos += end + 4
			}
		default:
			return l.lexToken(), true
		}
	}
	return token{}, false
}

func (l *lexer) lexToken() token {
	s := l.s
	start := l.pos
	c := s[start]
	t := token{start: start, depth: l.depth}
	switch {
	case isWordByte(c):
		for l.pos < len(s) && isWordByte(s[l.pos]) {
			l.pos++
		}
		t.word = true
	case c == '\'' || c == '"' || c == '`':
		l.pos++
		for l.pos < len(s) {
			if s[l.pos] == '\\' {
				l.pos += 2
				continue
			}
			if s[l.pos] == c {
				if l.pos+1 < len(s) && s[l.pos+1] == c {
					l.pos += 2
					continue
				}
				l.pos++
				break
			}
			l.pos++
		}
		if l.pos > len(s) {
			l.pos = len(s)
		}
	default:
		l.pos++
		switch c {
		case '(', '[':
			l.depth++
		case ')', ']':
			if l.depth > 0 {
				l.depth--
			}
		}
	}
	t.end = l.pos
	t.text = s[start:l.pos]
	return t
}

// statement is what the handler needs to know about a request's SQL.
type statement struct {
	keyword string // first word, upper case ("" when the text starts otherwise)
	first   string // first token as written
	multi   bool   // more than one statement
	format  string // explicit top-level FORMAT name, if any

	// INSERT with data: head is the statement without FORMAT/VALUES and data,
	// inputFormat the data's format, dataStart where inline data begins.
	insert      bool
	head        string
	inputFormat string
	dataStart   int
}

// analyzeInsert looks for the data of an INSERT: "INSERT INTO t [(cols)]
// FORMAT X <data>" or "... VALUES <data>". It reports ok=false for an
// INSERT ... SELECT and when the text is not an INSERT. It reads only the
// statement head.
func analyzeInsert(sql string) (statement, bool) {
	l := &lexer{s: sql}
	t, ok := l.next()
	if !ok || !t.word || !strings.EqualFold(t.text, "INSERT") {
		return statement{}, false
	}
	st := statement{keyword: "INSERT", first: t.text, insert: true}
	for {
		t, ok = l.next()
		if !ok {
			return statement{}, false
		}
		if !t.word || t.depth > 0 {
			continue
		}
		switch strings.ToUpper(t.text) {
		case "SELECT", "WITH":
			return statement{}, false
		case "VALUES":
			st.head = strings.TrimSpace(sql[:t.start])
			st.inputFormat = "Values"
			st.dataStart = t.end
			return st, true
		case "FORMAT":
			f, ok := l.next()
			if !ok || !f.word {
				return statement{}, false
			}
			st.head = strings.TrimSpace(sql[:t.start])
			st.inputFormat = f.text
			p := f.end
			for p < len(sql) && (sql[p] == ' ' || sql[p] == '\t') {
				p++
			}
			if strings.HasPrefix(sql[p:], "\r\n") {
				p += 2
			} else if strings.HasPrefix(sql[p:], "\n") {
				p++
			}
			st.dataStart = p
			return st, true
		}
	}
}

// analyze describes a statement that carries no INSERT data.
func analyze(sql string) statement {
	l := &lexer{s: sql}
	var st statement
	var prev token
	ended, pending := false, false
	for i := 0; ; i++ {
		t, ok := l.next()
		if !ok {
			break
		}
		if i == 0 {
			st.first = t.text
			if t.word {
				st.keyword = strings.ToUpper(t.text)
			}
		}
		if pending {
			// FORMAT x ends the query (SETTINGS may follow); otherwise "format"
			// was a column name.
			if t.text != ";" && !strings.EqualFold(t.text, "SETTINGS") {
				st.format = ""
			}
			pending = false
		}
		if ended {
			st.multi = true
			break
		}
		if t.text == ";" && t.depth == 0 {
			ended = true
			continue
		}
		if prev.word && prev.depth == 0 && strings.EqualFold(prev.text, "FORMAT") && t.word && i > 1 {
			st.format = t.text
			pending = true
		}
		prev = t
	}
	return st
}
